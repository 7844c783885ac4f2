"""Run a command in a child process, so that a SIGBUS ends it with a reason, not silently.

Why: SQLite keeps a WAL ledger's index in `<ledger>-shm`, mapped into memory. If that file is
cut short or becomes unwritable while a command runs, the next access to it raises SIGBUS,
which kills the process at once: no exception, no message, exit status 135. Python cannot
catch it (the faulting access would only repeat), so the parent waits for a child that does
the work, and turns that death into one line and exit status 1. Nothing committed is lost: a
commit is on disk before it returns, and SQLite rebuilds the -shm file on the next open.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

EXIT_INTERNAL = 70


def sigbus_reason(ledger: Path) -> str:
    return (
        f"the ledger's shared-memory file {ledger}-shm was cut short or became unwritable "
        "while this ran (SIGBUS); every change committed before it is safe: check with "
        "`diandian ledger verify`"
    )


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # closed or broken: nothing left to lose
            stream.flush()


def supervised(work: Callable[[], int], *, on_sigbus: Callable[[], str]) -> int:
    """`work()`'s exit status, run in a forked child; 1 with `on_sigbus()` on stderr if the
    child died of SIGBUS; 128 + N if signal N killed it otherwise (as a shell reports it)."""
    _flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's stack
        status = EXIT_INTERNAL
        try:
            status = work()
        except BaseException:
            traceback.print_exc()  # only with DIANDIAN_DEBUG: `work` maps everything else
        finally:
            _flush()
            os._exit(status)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the child's to answer
    try:
        _, status = os.waitpid(pid, 0)
    finally:
        signal.signal(signal.SIGINT, previous)
    if os.WIFSIGNALED(status):
        if os.WTERMSIG(status) == signal.SIGBUS:
            print(on_sigbus(), file=sys.stderr)
            return 1
        return 128 + os.WTERMSIG(status)
    return os.waitstatus_to_exitcode(status)
