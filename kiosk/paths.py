"""Where the kiosk keeps its files: the user's data directory, or DIANDIAN_HOME if set
(e.g. /var/lib/diandian for a systemd service)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    home = os.environ.get("DIANDIAN_HOME")
    if home:
        return Path(home)
    from platformdirs import user_data_path

    return user_data_path("diandian", appauthor=False)


def default_ledger() -> Path:
    return data_dir() / "ledger.sqlite"
