"""Tests never touch the user's data: a developer's own DIANDIAN_HOME (or XDG data folder) was
once kept by `setdefault`, so a test run could write to their real kiosk's ledger."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

from kiosk.paths import data_dir, default_ledger


def test_the_data_folder_is_this_test_s_own(tmp_path: Path) -> None:
    assert data_dir() == tmp_path / "home" and default_ledger().is_relative_to(tmp_path)


def test_platformdirs_and_home_point_into_temporary_folders(tmp_path: Path) -> None:
    assert user_data_path("diandian").is_relative_to(tmp_path)
    assert user_config_path("diandian").is_relative_to(tmp_path)
    from .conftest import SESSION_HOME

    assert Path(os.environ["HOME"]).is_relative_to(SESSION_HOME)
    assert Path.home().is_relative_to(SESSION_HOME)


def test_processes_the_tests_start_get_the_same_folders(diandian, tmp_path: Path) -> None:
    result = diandian("ledger", "verify")  # no --db: the default ledger, in the data folder
    assert result.returncode != 0 and str(tmp_path / "home" / "ledger.sqlite") in result.stderr
