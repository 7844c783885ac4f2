"""Package list and the translations build step; everything else is in pyproject.toml.

resources/ sits at the top of the checkout (the design card's layout) but installs as the
`diandian_resources` package, so importlib.resources finds it from a wheel as from a checkout.
pyproject's `packages.find` cannot add a renamed directory, hence these few lines. Each data
folder is listed as a subpackage so setuptools ships it without "would be ignored" warnings.

The compiled Qt translations (`.qm`) are build products, not committed: `build_py` compiles
each committed `.ts` with PySide6's lrelease into the wheel (PySide6 is a build requirement),
so a wheel built from a clean checkout starts the kiosk in Chinese. An editable install reads
resources/ in place, where `make` compiles them.
"""

import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = sorted(
    ".".join(path.relative_to("resources").parts)
    for path in Path("resources").rglob("*")
    if path.is_dir() and path.name != "__pycache__"
)


def lrelease() -> str:
    """PySide6's lrelease: beside the interpreter, in the PySide6 package, or on PATH."""
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    spec = find_spec("PySide6")
    packaged = (spec.submodule_search_locations or []) if spec else []
    found = [beside, *(Path(p) / "lrelease" for p in packaged), shutil.which("pyside6-lrelease")]
    for candidate in found:
        if candidate and Path(candidate).exists():
            return str(candidate)
    sys.exit("building diandian needs PySide6's lrelease for the translations: install pyside6")


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "diandian_resources" / "translations"
        target.mkdir(parents=True, exist_ok=True)
        tool = lrelease()
        for source in sorted(Path("resources/translations").glob("*.ts")):
            compiled = target / source.with_suffix(".qm").name
            subprocess.run([tool, "-silent", str(source), "-qm", str(compiled)], check=True)
            if not compiled.is_file() or compiled.stat().st_size == 0:
                sys.exit(f"lrelease made no {compiled}")


setup(
    packages=[
        *find_packages(include=["kiosk", "kiosk.*", "ui", "ui.*", "sync", "sync.*"]),
        "diandian_resources",
        *(f"diandian_resources.{folder}" for folder in DATA_FOLDERS),
    ],
    package_dir={"diandian_resources": "resources"},
    cmdclass={"build_py": BuildWithTranslations},
)
