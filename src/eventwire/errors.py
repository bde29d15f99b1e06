"""Every error eventwire raises, with a short code a user can search for."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: the library raises these and never prints or exits."""

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class ModelError(EventwireError):
    code = "E001"


class DataFileError(EventwireError):
    code = "E002"

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = path, line, problem


class InputError(EventwireError):
    """A document or file that cannot be read; the run records it and goes on."""

    code = "E003"

    def __init__(self, source: str, problem: str, line: int | None = None) -> None:
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")
        self.source, self.problem, self.line = source, problem, line


class GoldFileError(EventwireError):
    code = "E004"


class StoreError(EventwireError):
    code = "E005"


class UsageError(EventwireError):
    code = "E006"
