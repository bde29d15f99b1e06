"""Walk the inputs: files, folders (lazily, each file once) and standard input."""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from .base import DEFAULT_OPTIONS, IngestOptions, Item
from .detect import read_stream

STDIN = "-"


def read_inputs(paths: Iterable[str], options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    """Every article the inputs hold, in order; an `InputError` in the stream for each bad one.
    Folders are walked lazily, so a folder of many files is never held in memory."""
    for name in paths:
        if name == STDIN:
            yield from read_stream(sys.stdin.buffer, "<stdin>", "", options)
            continue
        path = Path(name)
        if not path.is_dir():
            yield from read_file(path, options)
            continue
        for found in walk(path, options):
            yield from read_file(found, options) if isinstance(found, Path) else [found]


def walk(folder: Path, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Path | InputError]:
    """The wanted files under `folder`, in name order, each file once. Links to folders are followed
    only with `options.follow_links`, and then no folder is entered twice, so link loops end."""
    seen_files: set[tuple[int, int]] = set()
    seen_folders: set[tuple[int, int]] = set()
    yield from _walk(folder, options, seen_files, seen_folders)


def _walk(folder: Path, options: IngestOptions, seen_files: set[tuple[int, int]],
          seen_folders: set[tuple[int, int]]) -> Iterator[Path | InputError]:
    try:
        identity = _identity(folder)
        entries = sorted(folder.iterdir())
    except OSError as error:
        yield InputError(str(folder), f"folder cannot be listed ({error.strerror or error})")
        return
    if identity in seen_folders:
        return
    seen_folders.add(identity)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if options.follow_links or not entry.is_symlink():
                yield from _walk(entry, options, seen_files, seen_folders)
        elif _wanted(entry, options) and _first_visit(entry, seen_files):
            yield entry if entry.is_file() or not entry.exists() else \
                InputError(str(entry), "not a regular file (a pipe, socket or device); not read")


def _identity(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_dev, status.st_ino


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    """False for a file already read under another name (a link to it, or a hard link)."""
    try:
        identity = _identity(path)
    except OSError:
        return True  # a broken link: reading it reports the problem
    if identity in seen:
        return False
    seen.add(identity)
    return True


def _wanted(path: Path, options: IngestOptions) -> bool:
    name = path.name
    if options.include and not any(fnmatch.fnmatch(name, g) for g in options.include):
        return False
    return not any(fnmatch.fnmatch(name, g) for g in options.exclude)


def read_file(path: Path, options: IngestOptions = DEFAULT_OPTIONS) -> Iterator[Item]:
    source = str(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield InputError(source, "no such file or directory")
        return
    except IsADirectoryError:
        yield InputError(source, "is a directory")
        return
    except OSError as error:
        yield InputError(source, f"cannot be read ({error.strerror or error})")
        return
    with handle:
        try:
            yield from read_stream(handle, source, path.name, options)
        except OSError as error:
            yield InputError(source, f"cannot be read ({error.strerror or error})")


