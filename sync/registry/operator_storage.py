"""The registry's SQL for operator accounts (policy lives in `operators`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, select, update

from sync.registry.tables import operators


def get_operator(*, conn: Connection, name: str, lock: bool = False) -> Row | None:
    """One account; `lock` holds its row (PostgreSQL) so two sign-ins count failures in turn."""
    query = select(operators).where(operators.c.name == name)
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return conn.execute(query).first()


def add_operator(*, conn: Connection, values: dict[str, Any]) -> None:
    conn.execute(operators.insert().values(**values))


def set_failures(*, conn: Connection, name: str, failed: int, locked_until: str | None) -> None:
    conn.execute(
        update(operators)
        .where(operators.c.name == name)
        .values(failed=failed, locked_until=locked_until)
    )


def set_token(*, conn: Connection, name: str, token_hash: str | None) -> None:
    conn.execute(update(operators).where(operators.c.name == name).values(token_hash=token_hash))


def by_token_hash(*, conn: Connection, token_hash: str) -> Row | None:
    return conn.execute(select(operators).where(operators.c.token_hash == token_hash)).first()


def all_operators(*, conn: Connection) -> list[Row]:
    columns = [c for c in operators.c if c.name not in ("password_hash", "token_hash")]
    return list(conn.execute(select(*columns).order_by(operators.c.name)))
