"""Operator accounts: the exchange's staff (`operator`), read-only reviewers (`auditor`) and
project owners (`owner`, bound to one project), for the operator console and API.

Passwords are kept as scrypt hashes (stdlib hashlib, RFC 7914 parameters n=2**14, r=8, p=1:
OWASP's minimum for scrypt), compared in constant time. Five wrong passwords in a row lock
the account for 15 minutes (the counter resets on a success). An API token is shown once and
kept as its SHA-256: a token is 32 random bytes, so a fast hash is enough (no guessing it).
Every change is written with its audit row in the caller's transaction.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import Connection, Row

from kiosk.errors import InputError
from kiosk.timestamps import parse_stamp, stamp, utc_now
from sync.registry import audit, operator_storage, storage

NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD = 12
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
TOKEN_PREFIX = "ddo_"  # an operator token, told apart from an enrolment token at a glance
REFUSED = "wrong name or password"
LOCKED = "this account is locked until "  # + "YYYY-MM-DD HH:MM UTC"


class Role(StrEnum):
    OPERATOR = "operator"  # runs settlement, payouts, kiosks and tokens
    AUDITOR = "auditor"  # reads everything, changes nothing
    OWNER = "owner"  # reads its own project's statements, payouts and sales


@dataclass(frozen=True, slots=True)
class Operator:
    name: str
    role: Role
    project_id: str | None

    def may_change(self) -> bool:
        return self.role == Role.OPERATOR

    def may_see(self, project_id: str | None) -> bool:
        """An owner sees only its project; operators and auditors see every one."""
        return self.role != Role.OWNER or project_id == self.project_id

    @classmethod
    def from_row(cls, row: Row) -> Operator:
        return cls(row.name, Role(row.role), row.project_id)


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **SCRYPT)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${encoded[0]}${encoded[1]}"


def password_matches(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        made = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(expected),
        )  # fmt: skip
    except ValueError:
        return False
    return kind == "scrypt" and hmac.compare_digest(made, expected)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _name(value: str) -> str:
    name = (value or "").strip().lower()
    if not NAME.match(name):
        raise InputError(
            "NAME", "2 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit"
        )
    return name


def _password(value: str) -> str:
    if len(value) < MIN_PASSWORD or len(value) > 1024:
        raise InputError("password", f"at least {MIN_PASSWORD} characters (at most 1024)")
    return value


def add_operator(
    *,
    conn: Connection,
    name: str,
    role: str,
    password: str,
    project_id: str | None,
    actor: str,
) -> Operator:
    name = _name(name)
    try:
        made_role = Role(role)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InputError("--role", f"{role!r} is not allowed; allowed: {allowed}") from None
    if (made_role == Role.OWNER) != (project_id is not None):
        raise InputError("--project", "an owner needs --project ID; other roles take none")
    if project_id is not None and storage.get_project(conn=conn, project_id=project_id) is None:
        raise InputError("--project", f"no project {project_id!r} at this registry")
    if operator_storage.get_operator(conn=conn, name=name) is not None:
        raise InputError("NAME", f"there is already an operator {name!r}")
    operator_storage.add_operator(
        conn=conn,
        values={
            "name": name,
            "role": made_role.value,
            "project_id": project_id,
            "password_hash": hash_password(_password(password)),
            "created_at": storage.now_text(),
        },
    )
    detail = {"role": made_role.value, "project_id": project_id}
    audit.record(
        conn, actor=actor, action="operator_add", subject=name, detail=detail, project_id=project_id
    )
    return Operator(name, made_role, project_id)


def sign_in(
    *, conn: Connection, name: str, password: str, now: datetime | None = None
) -> Operator | str:
    """The operator, or why not (one line, the same for an unknown name and a wrong password,
    so the form tells nobody which names exist). Failures and lockouts are audited."""
    moment = now or utc_now()
    refused = REFUSED
    row = operator_storage.get_operator(conn=conn, name=(name or "").strip().lower(), lock=True)
    if row is None or row.disabled_at is not None:
        password_matches(password, hash_password("x" * MIN_PASSWORD))  # the same time spent
        return refused
    if row.locked_until is not None and parse_stamp(row.locked_until) > moment:
        return f"{LOCKED}{row.locked_until[:16].replace('T', ' ')} UTC"
    if not password_matches(password, row.password_hash):
        failed = row.failed + 1
        until = stamp(moment + LOCKOUT) if failed >= MAX_FAILURES else None
        operator_storage.set_failures(
            conn=conn, name=row.name, failed=0 if until else failed, locked_until=until
        )
        if until:
            audit.record(
                conn, actor=row.name, action="locked", subject=row.name,
                detail={"failures": failed, "until": until},
            )  # fmt: skip
        return refused
    if row.failed or row.locked_until:
        operator_storage.set_failures(conn=conn, name=row.name, failed=0, locked_until=None)
    return Operator.from_row(row)


def new_token(*, conn: Connection, name: str, actor: str) -> str:
    """A new API token for the operator (its old one stops working); shown once."""
    row = operator_storage.get_operator(conn=conn, name=_name(name))
    if row is None:
        raise InputError("NAME", f"no operator {name!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    operator_storage.set_token(conn=conn, name=row.name, token_hash=token_hash(token))
    audit.record(
        conn, actor=actor, action="operator_token", subject=row.name, project_id=row.project_id
    )
    return token


def revoke_token(*, conn: Connection, name: str, actor: str) -> bool:
    """The operator's API token stops working at once; False when it had none."""
    row = operator_storage.get_operator(conn=conn, name=_name(name))
    if row is None:
        raise InputError("NAME", f"no operator {name!r}")
    if row.token_hash is None:
        return False
    operator_storage.set_token(conn=conn, name=row.name, token_hash=None)
    audit.record(
        conn, actor=actor, action="operator_token_revoke", subject=row.name,
        project_id=row.project_id,
    )  # fmt: skip
    return True


def by_token(*, conn: Connection, token: str) -> Operator | None:
    """The operator an API token belongs to, if it is current and the account enabled."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = operator_storage.by_token_hash(conn=conn, token_hash=token_hash(token))
    if row is None or row.disabled_at is not None:
        return None
    return Operator.from_row(row)


def current(*, conn: Connection, name: str) -> Operator | None:
    """The operator a console session names, if the account still exists and is enabled
    (its role read again: a change takes effect on the next page)."""
    row = operator_storage.get_operator(conn=conn, name=name)
    if row is None or row.disabled_at is not None:
        return None
    return Operator.from_row(row)


def list_operators(*, conn: Connection) -> list[Row]:
    return operator_storage.all_operators(conn=conn)
