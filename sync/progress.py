"""Progress for people and for logs: a rich bar on a terminal, plain lines under cron/systemd.

Why two: a bar's carriage returns turn a journal into noise, and an admin at a terminal wants
to see a 100,000-record push move.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class LogLines:
    """One line per event, flushed at once so a killed job's log ends where it stopped."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.total, self.done = stream, 0, 0

    def start(self, total: int) -> None:
        self.total = total
        self.log(f"{total} record(s) to push")

    def advance(self, count: int) -> None:
        self.done += count

    def log(self, line: str) -> None:
        print(f"sync: {line}", file=self.stream, flush=True)

    detail = log  # a log keeps every batch; on a terminal the bar says it


class Bar:
    """A rich progress bar on stderr; log lines print above it."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self.progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("pushing", total=None)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def advance(self, count: int) -> None:
        self.progress.advance(self.task, count)

    def log(self, line: str) -> None:
        self.progress.console.print(f"sync: {line}", highlight=False)

    def detail(self, line: str) -> None:
        pass


@contextmanager
def reporter(stream: TextIO | None = None) -> Iterator[LogLines | Bar]:
    if stream is None and sys.stderr.isatty():
        bar = Bar()
        with bar.progress:
            yield bar
        return
    yield LogLines(stream or sys.stdout)
