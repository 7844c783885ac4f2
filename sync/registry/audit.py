"""The operators' audit: one row per operator action (who, when, what), from the console, the
operator API and the `diandian registry` commands alike. Append-only (a trigger refuses any
change), and written in the same transaction as the action, so an action without its row
cannot exist."""

from __future__ import annotations

import getpass
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from sync.registry import settlement_storage


def cli_actor() -> str:
    """Who runs a `diandian registry` command: the system user, as `cli:NAME`."""
    try:
        return f"cli:{getpass.getuser()}"[:100]
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "cli:unknown"


def record(
    conn: Connection,
    *,
    actor: str,
    action: str,
    subject: str,
    detail: Mapping[str, Any] | None = None,
    project_id: str | None = None,
) -> None:
    """One audit row inside the caller's transaction."""
    settlement_storage.add_audit(
        conn=conn,
        values={
            "actor": actor[:100],
            "action": action[:40],
            "subject": subject[:200],
            "detail": json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True),
            "project_id": project_id,
        },
    )
