"""Shared fixtures: the tests' own data folders, and the real `diandian` console script run
as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from tests.ports import HeldPort

# Property tests draw the same examples every run (a seed derived from each test) and have no
# per-example deadline: Hypothesis's default 200 ms, overrun by one example on a loaded 2-core
# machine, fails the test as "Unreliable test timings". HYPOTHESIS_PROFILE=explore draws anew.
settings.register_profile("fixed", deadline=None, derandomize=True, database=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))

# Qt tests run headless wherever pytest is started from, not only through `make test`.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Never the user's data: whatever DIANDIAN_HOME or XDG folders the developer has set, every
# test (and every process it starts, and the session's fixtures, set up before any per-test
# fixture) sees folders of its own. Per test, `private_folders` below points them at tmp_path.
PRIVATE_DIRS = ("DIANDIAN_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                "XDG_STATE_HOME")  # fmt: skip
SESSION_HOME = Path(tempfile.mkdtemp(prefix="diandian-tests-"))
for _name in PRIVATE_DIRS:
    os.environ[_name] = str(SESSION_HOME / _name.lower())
os.environ["HOME"] = str(SESSION_HOME / "home")


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This test's data folder is tmp_path/home; the XDG folders are beside it."""
    monkeypatch.setenv("DIANDIAN_HOME", str(tmp_path / "home"))
    for name in PRIVATE_DIRS[1:]:
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))


BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs on a fresh DIANDIAN_HOME (the one `diandian` below uses too), so no
    test reads or writes the user's own settings or ledger."""
    home = tmp_path / "home"
    monkeypatch.setenv("DIANDIAN_HOME", str(home))
    return home


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses connections for the whole test: held, never listened on
    (a port closed again at once could be taken by another process meanwhile)."""
    with HeldPort() as held:
        yield held.port


@pytest.fixture
def diandian(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed console script from a temp folder, as a user would."""

    def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "DIANDIAN_DEBUG"}  # private folders
        return subprocess.run(
            [str(BIN / "diandian"), *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=timeout,
            check=False,
        )

    return run


def processes_in_turn(code: str, runs: int, cache: Path, **env: str) -> list[Any]:
    """What each of RUNS new interpreters printed (one JSON value) running CODE one after the
    other, sharing the table cache folder CACHE (kiosk/tablecache.py), with ENV added."""
    environ = {**os.environ, "XDG_CACHE_HOME": str(cache), **env}
    environ.pop("CACHE_DIRECTORY", None)
    argv = [sys.executable, "-c", code]
    return [
        json.loads(
            subprocess.run(argv, env=environ, capture_output=True, text=True, check=True).stdout
        )
        for _ in range(runs)
    ]
