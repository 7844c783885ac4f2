"""One sync job at a time: a second exits at once with status 75 and one line."""

from __future__ import annotations

import pytest

from kiosk.ledger import Ledger
from sync.exit_codes import EXIT_TEMPFAIL
from sync.lock import LockBusy, sync_lock


def test_a_second_lock_is_refused_at_once(tmp_path) -> None:
    path = tmp_path / "ledger.sqlite"
    held = sync_lock(path)
    held.__enter__()
    try:
        with pytest.raises(LockBusy, match="another sync is running") as caught, sync_lock(path):
            pass
    finally:
        held.__exit__(None, None, None)
    assert caught.value.exit_code == EXIT_TEMPFAIL
    with sync_lock(path):  # released when the holder is done
        pass


def test_a_second_sync_job_exits_75_with_one_line(tmp_path, diandian) -> None:
    path = tmp_path / "ledger.sqlite"
    Ledger.open(path).close()
    with sync_lock(path):
        result = diandian("sync", "--db", str(path))
    assert result.returncode == 75
    assert result.stderr.count("\n") == 1
    assert "another sync is running" in result.stderr
