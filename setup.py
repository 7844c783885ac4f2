"""Package list only; everything else is in pyproject.toml.

resources/ sits at the top of the checkout (the design card's layout) but installs as the
`diandian_resources` package, so importlib.resources finds it from a wheel as from a checkout.
pyproject's `packages.find` cannot add a renamed directory, hence these few lines. Each data
folder is listed as a subpackage so setuptools ships it without "would be ignored" warnings.
"""

from pathlib import Path

from setuptools import find_packages, setup

DATA_FOLDERS = sorted(
    ".".join(path.relative_to("resources").parts)
    for path in Path("resources").rglob("*")
    if path.is_dir() and path.name != "__pycache__"
)

setup(
    packages=[
        *find_packages(include=["kiosk", "kiosk.*", "ui", "ui.*", "sync", "sync.*"]),
        "diandian_resources",
        *(f"diandian_resources.{folder}" for folder in DATA_FOLDERS),
    ],
    package_dir={"diandian_resources": "resources"},
)
