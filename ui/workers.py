"""Slow work off the UI thread, the way Anki does it: two helpers, results back by signal.

- `write`: one thread that owns the Ledger used for changes, so writes happen one at a time in
  the order the UI asked for them (open the order, then mark its slip...).
- `read` / `run`: a small pool for reads (the cashier's payment, stock, rankings) and for slow
  work that needs no ledger or only reads it (certificate PNG, slip raster, printing).

SQLite connections belong to one thread: the writer keeps one Ledger open (closed on its own
thread at shutdown); each read opens a read-only connection for its job, so pool threads hold
nothing between jobs. Callbacks run on the UI thread; the work function never touches a
widget. After a LedgerUnavailable the app calls `reset()` and the writer reopens the ledger.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kiosk.timestamps import utc_now

if TYPE_CHECKING:  # the ledger's store is imported by the first job, after the first frame
    from datetime import datetime

    from kiosk.ledger import Ledger

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
log = logging.getLogger(__name__)


class _Bridge(QObject):
    """Lives on the UI thread; a signal emitted from a worker is queued to it."""

    delivered = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.closed = False  # set at shutdown: the screens a late result was for are gone
        self.delivered.connect(self._deliver)

    @Slot(object)
    def _deliver(self, item: tuple[Callable[..., None] | None, Any]) -> None:
        callback, value = item
        if callback is not None and not self.closed:
            callback(value)


class _Job(QRunnable):
    """One piece of work and where its result goes; run by the pool or the writer thread."""

    def __init__(
        self, work: Callable[[], Any], done: Done | None, failed: Failed | None, bridge: _Bridge
    ) -> None:
        super().__init__()
        self.work, self.done, self.failed, self.bridge = work, done, failed, bridge

    def run(self) -> None:
        try:
            value = self.work()
        except BaseException as exc:  # delivered to the UI, which decides what the customer sees
            if self.failed is None:
                log.exception("background job failed")
            self.bridge.delivered.emit((self.failed, exc))
            return
        self.bridge.delivered.emit((self.done, value))


class Workers(QObject):
    """The writer thread and the reader pool over one ledger file.

    When the writer's open leaves the daily whole-file check for later (kiosk/ledger/
    sessions.py), the check runs on a pool thread with its own connection, so no write waits
    for it; damage it finds is emitted as `checkFailed` (a LedgerUnavailable).
    """

    checkFailed = Signal(object)

    def __init__(
        self, path: Path, readers: int = 3, clock: Callable[[], datetime] = utc_now
    ) -> None:
        super().__init__()
        self.path = path
        self.clock = clock  # every Ledger opened here reads the time from it (tests set one)
        self.generation = 0
        self._created = path.exists()  # create the file only if it never existed
        self._bridge = _Bridge()
        # One plain thread for writes, in the order they were asked, owning one Ledger. (Not a
        # QThreadPool: Qt 6's waitForDone() ends a pool's threads, and a Ledger's SQLite
        # connection must stay on the thread that opened it.)
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self.writer = threading.Thread(target=self._write_loop, name="ledger-writer", daemon=True)
        self.writer.start()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(readers)
        self._ledger: Ledger | None = None  # the writer's; only the writer thread touches it
        self._stopping = threading.Event()  # set at shutdown: a whole-file check gives up
        self._ledger_generation = -1

    def _writer_ledger(self) -> Ledger:
        """The writer's Ledger, opened (with a quick_check) on first use and after `reset`."""
        if self._ledger is None or self._ledger_generation != self.generation:
            self._close_writer_ledger()
            from kiosk.ledger import Ledger

            self._ledger = Ledger.open(
                self.path, create=not self._created, check=True, clock=self.clock
            )
            self._ledger_generation = self.generation
            self._created = True
            check = self._ledger.deferred_check(self._stopping.is_set)
            if check is not None:
                self.run(check, None, self._check_failed)
        return self._ledger

    def _check_failed(self, exc: BaseException) -> None:
        """Damage puts the kiosk out of service; a check that could not run (the file busy or
        gone) stays due for the next start, and is only logged."""
        if getattr(exc, "code", "") == "damaged":
            self.checkFailed.emit(exc)
        else:
            log.warning("the whole-file check did not run: %s", exc)

    def _close_writer_ledger(self) -> None:
        ledger, self._ledger = self._ledger, None
        if ledger is not None:
            try:
                ledger.close()
            except Exception:  # a connection to a removed file: nothing more to do
                log.debug("closing the writer's ledger failed", exc_info=True)

    def _reader_ledger(self) -> Ledger:
        """A read-only connection for one job: pool threads keep no state between jobs."""
        from kiosk.ledger import Ledger

        return Ledger.open(self.path, create=False, read_only=True, check=False, clock=self.clock)

    def _write_loop(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    self._close_writer_ledger()
                    return
                job.run()
            finally:
                self._jobs.task_done()

    def write(
        self, work: Callable[[Ledger], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None:
        self._jobs.put(_Job(lambda: work(self._writer_ledger()), done, failed, self._bridge))

    def read(
        self, work: Callable[[Ledger], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None:
        def job() -> Any:
            with self._reader_ledger() as ledger:
                return work(ledger)

        self.pool.start(_Job(job, done, failed, self._bridge))

    def run(
        self, work: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None:
        self.pool.start(_Job(work, done, failed, self._bridge))

    def exclusive(
        self, work: Callable[[], Any], done: Done | None = None, failed: Failed | None = None
    ) -> None:
        """Run `work()` on the writer thread, after the writes already asked for and before
        any asked later, then have the next write reopen the ledger.

        For replacing the ledger's content (restoring a backup): no write of this app runs
        during it, and once it succeeded the writer's connection is closed, so the next write
        opens the new content afresh (quick_check, migrations, kiosk id). The connection stays
        open while `work` runs and after a refusal: closing the last connection of a WAL
        ledger checkpoints it, which would rewrite the file a refused restore must leave
        untouched. Closing it after the file was moved aside is safe: SQLite sees the path
        now names another file and neither checkpoints nor deletes anything. Readers open a
        connection per job, so they need nothing.
        """

        def job() -> Any:
            value = work()
            self._close_writer_ledger()  # _writer_ledger() opens a new one on the next write
            return value

        self._jobs.put(_Job(job, done, failed, self._bridge))

    def reset(self) -> None:
        """The writer reopens the ledger on its next job (after the ledger was unavailable)."""
        self.generation += 1

    def wait(self, msecs: int = 10_000) -> bool:
        """Until every queued job has run (results still arrive through the event loop)."""
        self._jobs.join()
        return self.pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Finish queued work, then close the writer's connection on the writer's thread.
        Results still queued for the UI are dropped: their window is closing."""
        self._bridge.closed = True
        self._stopping.set()
        if self.writer.is_alive():
            self._jobs.put(None)
            self.writer.join(10)
        self.pool.waitForDone(10_000)
