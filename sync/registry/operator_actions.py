"""What a signed-in operator may do from the console or with an API token, one function per
action, each given the operator and the caller's write transaction: the same rules and code
as the `diandian registry` command (settle.close_period, credits.retire_blocks,
operations.new_enrol_token / revoke_token), then its audit row under the operator's name.

Only an operator (role `operator`) changes anything: an auditor or an owner gets
`Forbidden`, which the console shows as 403 and the API answers with 403.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from kiosk.errors import InputError
from sync.registry import audit, credits, operations, settle, storage
from sync.registry.operators import Operator
from sync.registry.periods import parse_period


class Forbidden(Exception):
    """This operator's role may not do that."""


def _may_change(who: Operator, what: str) -> None:
    if not who.may_change():
        raise Forbidden(f"an {who.role} cannot {what}")


def close_period(
    *, conn: Connection, who: Operator, period: str, project_id: str | None, now: datetime
) -> list[dict[str, Any]]:
    """`registry settle --period P [--project ID]` (its audit row is written by settle)."""
    _may_change(who, "close a period")
    return settle.close_period(
        conn=conn, period=parse_period(period), actor=who.name, project_id=project_id, now=now
    )


def retire_blocks(
    *,
    conn: Connection,
    who: Operator,
    project_id: str,
    serials: str,
    reference: str,
    beneficiary: str,
) -> dict[str, Any]:
    """`registry retire-blocks`: the exchange's retirement of a project's serials."""
    _may_change(who, "record retirements")
    made = credits.retire_blocks(
        conn=conn, project_id=project_id, serials=serials, reference=reference,
        beneficiary=beneficiary,
    )  # fmt: skip
    detail = {k: made[k] for k in ("serials", "tonnes", "reference", "covered")}
    audit.record(
        conn, actor=who.name, action="retire_blocks", subject=made["serials"], detail=detail,
        project_id=project_id,
    )  # fmt: skip
    return made


def enrol_token(
    *, conn: Connection, who: Operator, name: str, lifetime: timedelta
) -> dict[str, str]:
    """`registry enroll-token`: a one-time kiosk enrolment token, shown once."""
    _may_change(who, "make enrolment tokens")
    cleaned = (name or "").strip()
    if not cleaned or len(cleaned) > 200:
        raise InputError("name", "the kiosk's name: 1 to 200 characters", "token_name")
    token = operations.new_enrol_token(conn=conn, name=cleaned, lifetime=lifetime)
    row = storage.get_enrol_token(conn=conn, token_hash=operations.hash_token(token))
    fingerprint = operations.token_fingerprint(operations.hash_token(token))
    expires_at = row.expires_at if row is not None else ""
    audit.record(
        conn, actor=who.name, action="enrol_token", subject=cleaned,
        detail={"fingerprint": fingerprint, "expires_at": expires_at},
    )  # fmt: skip
    return {"token": token, "name": cleaned, "fingerprint": fingerprint, "expires_at": expires_at}


def revoke_enrol_token(*, conn: Connection, who: Operator, ref: str) -> int:
    """`registry revoke-token`: by the token or its fingerprint; how many were revoked."""
    _may_change(who, "revoke enrolment tokens")
    revoked = operations.revoke_token(conn=conn, ref=ref)
    if revoked:
        audit.record(
            conn, actor=who.name, action="enrol_token_revoke", subject=ref.strip()[:12],
            detail={"revoked": revoked},
        )  # fmt: skip
    return revoked
