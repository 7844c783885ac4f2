"""Shared fixtures: run the real `diandian` console script as a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

# Qt tests run headless wherever pytest is started from, not only through `make test`.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
def diandian(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed console script from a temp folder, as a user would."""

    def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "DIANDIAN_DEBUG"}
        env.setdefault("DIANDIAN_HOME", str(tmp_path / "home"))  # never the user's own data
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
