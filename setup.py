"""Package list only; everything else is in pyproject.toml.

resources/ sits at the top of the checkout (the design card's layout) but installs as the
`diandian_resources` package, so importlib.resources finds it from a wheel as from a checkout.
pyproject's `packages.find` cannot add a renamed directory, hence these few lines.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["kiosk", "kiosk.*", "ui", "ui.*", "sync", "sync.*"]),
        "diandian_resources",
    ],
    package_dir={"diandian_resources": "resources"},
)
