"""Helpers for the ledger tests: worker processes, raw read-only inspection, one whole sale."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from kiosk.footprint import Footprint
from kiosk.ledger import Ledger, Order

WORKER = Path(__file__).with_name("crash_worker.py")


class Worker:
    """A `crash_worker.py` process; a thread collects its stdout lines with their arrival time."""

    def __init__(self, ledger: Path, *args: str) -> None:
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), str(ledger), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ledger.parent,
        )
        self.lines: list[tuple[float, str]] = []
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.stderr = ""

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if not line.endswith("\n"):
                break  # cut off by the kill: never acknowledged
            with self._changed:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def wait_for(self, word: str, timeout: float = 60) -> float:
        """Block until a line starting with `word` arrives; return its arrival time."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for at, line in self.lines:
                    if line.split()[0] == word:
                        return at
                if not self._reader.is_alive() or time.monotonic() > deadline:
                    break
                self._changed.wait(0.05)
        self.kill()
        raise AssertionError(f"worker never said {word}; said {self.words()}; {self.stderr}")

    def wait_results(self, n: int, timeout: float = 60) -> None:
        """Block until the worker has reported `n` orders (PAID or SOLDOUT)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self.count("PAID") + self.count("SOLDOUT") < n:
                if not self._reader.is_alive() or time.monotonic() > deadline:
                    raise AssertionError(f"worker reported {self.words()}; {self.stderr}")
                self._changed.wait(0.05)

    def say(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def kill(self) -> int:
        """SIGKILL (if still running), then collect everything it managed to print."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        return self.finish()

    def finish(self, timeout: float = 60) -> int:
        returncode = self.proc.wait(timeout)
        self._reader.join(timeout)
        assert self.proc.stderr is not None
        self.stderr = self.proc.stderr.read()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return returncode

    def words(self) -> list[str]:
        return [line.split()[0] for _, line in self.lines]

    def paid(self) -> dict[str, int]:
        """order id -> serial, for every order the worker saw `pay` return."""
        found = (line.split() for _, line in self.lines)
        return {parts[1]: int(parts[2]) for parts in found if parts[0] == "PAID"}

    def count(self, word: str) -> int:
        return self.words().count(word)


def open_raw(path: Path) -> sqlite3.Connection:
    """A plain read-only sqlite3 connection: it repairs nothing, unlike `Ledger.open`."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def integrity(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("PRAGMA integrity_check")]


def sell(
    ledger: Ledger, footprint: Footprint, project_id: str = "demo-wetland", offset_g: int = 1000
) -> Order:
    """One whole sale: draft, place, pay."""
    order = ledger.create_draft(footprint, project_id=project_id, offset_g=offset_g)
    ledger.place(order.id)
    return ledger.pay(order.id, method="cash", cashier="c1")


def snapshot(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every stored row of the tables a sale writes, to compare before and after a failure."""
    tables = ("orders", "allocations", "outbox", "audit", "counters", "meta", "projects")
    return {
        t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in tables
    }


def assert_reason(error: BaseException, *words: str) -> None:
    """An out-of-service reason: one plain line (no traceback) that says what is wrong."""
    text = str(error)
    assert text and "\n" not in text, text
    assert "Traceback" not in text and "sqlite3." not in text, text
    for word in words:
        assert word.lower() in text.lower(), f"{word!r} not in {text!r}"


def garbage(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as file:
        file.seek(offset)
        file.write(data)


def damage_page(path: Path, table: str, leaf: int = 0) -> None:
    """Garbage over one leaf page of one table (the first, leftmost, by default; -1 for the
    last), the rest of the file intact."""
    conn = sqlite3.connect(path)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path",
            (table,),
        ).fetchall()
    finally:
        conn.close()
    overwrite(path, (pages[leaf][0] - 1) * page_size, garbage(page_size))
