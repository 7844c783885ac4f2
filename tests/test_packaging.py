"""The wheel, built from a clean checkout, carries everything the kiosk needs (translations
included: they are build products, compiled by setup.py), installs alone, computes a
footprint and starts in Chinese; each role's extra covers what that role imports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from kiosk.footprint import compute

from .conftest import ROOT
from .imports import third_party_imports

pytestmark = pytest.mark.slow

PIP = [sys.executable, "-m", "pip"]
TRIP = ["--set", "origin=Beijing", "--set", "mode=high_speed_rail", "--set", "nights=2"]
SHIPPED = [  # what a kiosk reads at run time, by path inside the wheel
    "diandian_resources/translations/diandian_zh_CN.qm",
    "diandian_resources/translations/diandian_fr.qm",
    "diandian_resources/fonts/wqy-microhei.ttc",
    "diandian_resources/cities/cities.csv",
    "diandian_resources/factors/factors.toml",
    "diandian_resources/systemd/diandian-kiosk.service",
    "diandian_resources/systemd/diandian-sync.service",
    "diandian_resources/systemd/diandian-sync.timer",
    "sync/registry/migrations/env.py",
    "sync/registry/migrations/versions/0001_initial.py",
    # the registry's web pages (sync.registry.web): words, style, the phone's and the console's
    "sync/registry/web/strings.toml",
    "sync/registry/web/static/web.css",
    "sync/registry/web/templates/base.html",
    "sync/registry/web/templates/phone/start.html",
    "sync/registry/web/templates/ops/layout.html",
    "sync/registry/web/templates/ops/statement.html",
]


def _clean_checkout(target: Path) -> Path:
    """The files git tracks (or would: new, not ignored), without build products like *.qm."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (item.decode() for item in listed)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    assert not list(target.rglob("*.qm"))
    return target


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    checkout = _clean_checkout(folder / "checkout")
    dist = folder / "dist"
    built = subprocess.run(
        [*PIP, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dist), checkout],
        capture_output=True,
        text=True,
        cwd=folder,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return next(dist.glob("diandian-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the wheel; the dependencies come from this venv's
    site-packages through a .pth line placed after its own (never this checkout's code)."""
    fresh = tmp_path_factory.mktemp("venv") / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    subprocess.run(
        [*PIP, "--python", python, "install", "--quiet", "--no-deps", "--no-index", wheel],
        capture_output=True,
        check=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return fresh


def test_the_wheel_carries_translations_font_data_units_and_licences(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in SHIPPED if name not in names]
    assert missing == []
    licences = {Path(n).name for n in names if ".dist-info/licenses/" in n}
    assert {"LICENSE", "THIRD-PARTY-NOTICES"} <= licences
    assert not [n for n in names if "autopilot" in n or n.startswith("tools/")]  # a test driver
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    declared = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[diandian.commands]" in declared and "sync.commands.sync:register_sync" in declared


def test_the_installed_kiosk_starts_in_chinese(installed: Path, tmp_path: Path) -> None:
    script = """
import json, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget
import ui, ui.i18n as i18n
app = QApplication(sys.argv[:1])
owner = QWidget()
translations = i18n.Translations(owner)
loaded = translations.use(i18n.DEFAULT)
print(json.dumps({
    "ui": ui.__file__, "qm": str(i18n.qm_path("zh")), "default": i18n.DEFAULT, "loaded": loaded,
    "text": QCoreApplication.translate("AttractScreen", "Touch to start"),
}))
"""
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert said["ui"].startswith(str(installed)) and said["qm"].startswith(str(installed))
    assert (said["default"], said["loaded"], said["text"]) == ("zh", True, "点击开始")


def test_the_installed_wheel_computes_a_footprint(installed: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [installed / "bin" / "diandian", "footprint", "trip", "--json", *TRIP],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DIANDIAN_HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = compute("trip", {"origin": "Beijing", "mode": "high_speed_rail", "nights": "2"})
    assert json.loads(result.stdout)["total_g"] == expected.total_grams > 0
    listed = subprocess.run(
        [installed / "bin" / "diandian", "--help"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "DIANDIAN_HOME": str(tmp_path)},
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert all(name in listed.stdout for name in ("sync", "enroll", "registry", "cashier"))
    assert json.loads(result.stdout)["total_g"] == expected.total_grams > 0


# --- extras: a registry host without PySide6, a kiosk without the server ---------------------


@pytest.mark.parametrize(
    ("role", "never"),
    [
        ("kiosk", {"fastapi", "uvicorn", "sqlalchemy", "alembic", "psycopg", "starlette"}),
        # the registry writes settlement statements as PDF (reportlab), never prints slips
        ("registry", {"pyside6-essentials", "shiboken6", "python-escpos"}),
    ],
)
def test_each_role_s_extra_covers_what_it_imports(role: str, never: set[str]) -> None:
    needed = third_party_imports(role)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installs = _installed_by(project["dependencies"] + project["optional-dependencies"][role])
    assert not (needed.keys() - installs), "imported but not installed by the extra"
    assert not (installs & never), f"diandian[{role}] installs another role's packages"


def _installed_by(requirements: list[str]) -> set[str]:
    """The distributions (normalised names) pip installs for these requirements (their own
    dependencies read from what is installed here)."""
    import importlib.metadata as metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in seen:
            continue
        seen.add(name)
        for text in metadata.distribution(requirement.name).requires or []:
            needed = Requirement(text)
            extras = requirement.extras or {""}
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                todo.append(needed)
    return seen
