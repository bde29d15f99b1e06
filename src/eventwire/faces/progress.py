"""Progress of a long run, as a `RunListener`: a tqdm bar on a terminal (articles done, of how many when
known, articles/s, events, ETA), one line every `interval` seconds otherwise; `verbose` adds a line per
input file when the run moves past it. A run shorter than one interval prints no progress line at all:
the run's summary says the same."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..errors import InputError
from ..model import Article, CodedArticle
from ..run import RunListener

LOG_INTERVAL_SECONDS = 30.0


class Progress(RunListener):
    def __init__(self, total: int | None = None, out: TextIO | None = None, verbose: bool = False,
                 interval: float = LOG_INTERVAL_SECONDS, bar: bool | None = None) -> None:
        self.out = out or sys.stderr
        self.total, self.verbose, self.interval = total, verbose, interval
        self.done = self.events = self.failures = self.lines = 0
        self.started = self.logged = time.monotonic()
        self._file: str | None = None
        self._file_counts = [0, 0]  # articles, events of the current input file
        use_bar = self.out.isatty() if bar is None else bar
        self._bar = _bar(total, self.out) if use_bar else None

    def coded(self, result: CodedArticle) -> None:
        self._count(result.article, len(result.events))

    def known(self, article: Article, record: dict | None) -> None:
        self._count(article, 0)

    def failed(self, error: InputError) -> None:
        self.failures += 1

    def close(self) -> None:
        """The run ended: finish the bar, or write the last line after periodic ones."""
        self._file_done()
        if self._bar is not None:
            self._bar.close()
        elif self.lines:
            self._say(self.line())

    def line(self) -> str:
        """'1,200 of 5,000 articles, 31.2 articles/s, 2,300 events, ETA 2m03s'."""
        seconds = max(time.monotonic() - self.started, 1e-9)
        rate = self.done / seconds
        of = f" of {self.total:,}" if self.total else ""
        text = f"{self.done:,}{of} articles, {rate:.1f} articles/s, {self.events:,} events"
        if self.total and rate > 0 and self.done < self.total:
            text += f", ETA {_duration((self.total - self.done) / rate)}"
        return text

    def _count(self, article: Article, events: int) -> None:
        if self.verbose and article.source_path != self._file:
            self._file_done()
            self._file = article.source_path
        self._file_counts[0] += 1
        self._file_counts[1] += events
        self.done += 1
        self.events += events
        if self._bar is not None:
            self._bar.update(1)
            self._bar.set_postfix_str(f"{self.events:,} events", refresh=False)
        elif time.monotonic() - self.logged >= self.interval:
            self.logged = time.monotonic()
            self.lines += 1
            self._say(self.line())

    def _file_done(self) -> None:
        articles, events = self._file_counts
        if self.verbose and articles and self._file:
            self._say(f"{self._file}: {articles:,} articles, {events:,} events")
        self._file_counts = [0, 0]

    def _say(self, text: str) -> None:
        if self._bar is not None:
            self._bar.write(f"eventwire: {text}", file=self.out)
        else:
            print(f"eventwire: {text}", file=self.out, flush=True)


class Listeners(RunListener):
    """Several listeners hearing the same run, in the order given."""

    def __init__(self, *listeners: RunListener) -> None:
        self.listeners = listeners

    def coded(self, result: CodedArticle) -> None:
        for listener in self.listeners:
            listener.coded(result)

    def known(self, article: Article, record: dict | None) -> None:
        for listener in self.listeners:
            listener.known(article, record)

    def failed(self, error: InputError) -> None:
        for listener in self.listeners:
            listener.failed(error)

    def stored(self, count: int, total: int) -> None:
        for listener in self.listeners:
            listener.stored(count, total)


def _bar(total: int | None, out: TextIO) -> object:
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: `--jobs` workers are forked from this process
    return tqdm(total=total, file=out, unit=" articles", dynamic_ncols=True, smoothing=0.1,
                desc="eventwire")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"
