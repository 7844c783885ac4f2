"""Making a new ledger file and its identity: built under a temporary name and renamed, so a
crash during creation never leaves a half-made file where a ledger is expected."""

from __future__ import annotations

import os
import secrets
import sqlite3
from pathlib import Path

from kiosk.ledger import audit, db
from kiosk.ledger.db import LedgerUnavailable

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def create(path: Path, now: str) -> None:
    """Build a new ledger under a temporary name and rename it into place, so a crash during
    creation never leaves a half-made file where a ledger is expected."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LedgerUnavailable(f"cannot create the ledger's folder: {exc}").coded(
            "no_folder", path=str(path.parent)
        ) from exc
    new = path.with_name(f".{path.name}.new")
    for leftover in (new, Path(f"{new}-wal"), Path(f"{new}-shm")):
        leftover.unlink(missing_ok=True)
    conn = db.connect(new)
    from kiosk.ledger import schema  # sqlite-utils: loaded when needed, not with the app

    try:
        schema.migrate(conn)
        ensure_identity(conn, new, now)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise db.unavailable(exc, path) from exc
    finally:
        conn.close()
    try:
        with open(new, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(new, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as exc:
        raise LedgerUnavailable(f"cannot create the ledger {path}: {exc}").coded(
            "cannot_create", path=str(path)
        ) from exc


def ensure_identity(conn: sqlite3.Connection, path: Path, now: str) -> None:
    """A new ledger gets its kiosk id once; it is in every order and certificate serial."""
    with db.write(conn, path):
        if conn.execute("SELECT 1 FROM meta WHERE key = 'kiosk_id'").fetchone():
            return
        kiosk_id = "K" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(9))
        conn.execute("INSERT INTO meta (key, value) VALUES ('kiosk_id', ?)", (kiosk_id,))
        conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (now,))
        for key, value in (("kiosk_id", kiosk_id), ("created_at", now)):
            audit.append(
                conn,
                at=now,
                entity="meta",
                entity_id=key,
                action="create",
                actor="system",
                state={"key": key, "value": value},
            )
