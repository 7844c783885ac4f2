"""Fixtures for the ledger tests: one footprint, fresh ledgers, workers cleaned up, a tmpfs."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.catalogue import load_demo_catalogue
from kiosk.footprint import Footprint, compute
from kiosk.ledger import Ledger

from .support import Worker


@pytest.fixture(scope="session")
def footprint() -> Footprint:
    """compute() is costly to import and run: one footprint serves every order."""
    return compute("trip", {"origin": "Beijing", "mode": "flight"})


@pytest.fixture
def new_ledger() -> Iterator[Callable[[Path], Ledger]]:
    """Open a new ledger with the demo catalogue at a path; every one is closed at the end."""
    opened: list[Ledger] = []

    def make(path: Path) -> Ledger:
        ledger = Ledger.open(path)
        ledger.load_catalogue(load_demo_catalogue())
        opened.append(ledger)
        return ledger

    yield make
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(new_ledger: Callable[[Path], Ledger], tmp_path: Path) -> Ledger:
    return new_ledger(tmp_path / "ledger.sqlite")


@pytest.fixture
def spawn() -> Iterator[Callable[..., Worker]]:
    """Start crash_worker.py processes; any still running when the test ends is killed."""
    workers: list[Worker] = []

    def start(ledger: Path, *args: str) -> Worker:
        workers.append(Worker(ledger, *args))
        return workers[-1]

    yield start
    for worker in workers:
        if worker.proc.returncode is None:
            worker.kill()


class Tmpfs:
    """A real small filesystem: full and read-only are the kernel's, not simulated."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def remount(self, mode: str) -> None:
        _mount("-o", f"remount,{mode}", str(self.root))


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=True)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Tmpfs]:
    """A 2 MiB tmpfs mounted for this test (needs root, as here and in CI), unmounted after."""
    root = tmp_path / "tmpfs"
    root.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", str(root))
    except (OSError, subprocess.CalledProcessError) as exc:
        reason = getattr(exc, "stderr", "") or exc
        pytest.skip(f"cannot mount a tmpfs here (needs root): {str(reason).strip()}")
    try:
        yield Tmpfs(root)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(root)], capture_output=True, check=False)
        if subprocess.run(["umount", str(root)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(root)], capture_output=True, check=True)
