"""The wheel carries resources/: a fresh venv with only the wheel computes a footprint."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from kiosk.footprint import compute

from .conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_installed_in_a_fresh_venv_computes_a_footprint(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    wheel = next(dist.glob("diandian-*.whl"))
    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [
            str(fresh / "bin" / "diandian"),
            "footprint",
            "trip",
            "--set",
            "origin=Beijing",
            "--set",
            "mode=high_speed_rail",
            "--set",
            "nights=2",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    where = subprocess.run(
        [str(python), "-c", "import diandian_resources; print(diandian_resources.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout
    assert str(fresh) in where and str(ROOT) not in where
    expected = compute("trip", {"origin": "Beijing", "mode": "high_speed_rail", "nights": "2"})
    assert data["total_g"] == expected.total_grams > 0
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        declared = archive.read(entry_points).decode()
    assert not [n for n in names if "autopilot" in n or n.startswith("tools/")]  # a test driver
    assert "[diandian.commands]" in declared and "sync.commands.sync:register_sync" in declared
    listed = subprocess.run(
        [str(fresh / "bin" / "diandian"), "--help"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert all(name in listed.stdout for name in ("sync", "enroll", "registry", "cashier"))
