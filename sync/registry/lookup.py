"""What the registry knows about one certificate: its facts, signature, receipt, retirement.

Shared by the JSON lookup and the HTML page. The token in the QR is checked with the issuing
kiosk's enrolled key, so a certificate issued offline verifies before the registry has it.

`gather` reads (one statement, sync/registry/page_storage.py) and checks the token; `interpret`
turns that into a `Lookup`. The split lets the page cache (sync/registry/page_cache.py) compare
what was read with what its cached page was made of before doing anything else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Row

from kiosk.certificate import payload
from kiosk.certificate.keys import SigningKeyError, public_from_text
from kiosk.credit import CreditRange, RetirementStatus
from sync.registry import page_storage
from sync.registry.credit_storage import range_named
from sync.registry.page_storage import RETIREMENT

TOKENS = 4096  # tokens whose opening and check this process remembers (a few MB at most)


@dataclass(frozen=True)
class Lookup:
    cert_id: str
    facts: dict[str, Any] | None  # None: nothing to show (no valid token, not received)
    signature: str  # "verified" | "invalid" | "unknown_kiosk" | "absent"
    problem: str  # why the signature does not verify
    received: bool
    voided: bool
    mismatch: bool  # a valid token whose content differs from what the kiosk uploaded
    retirement: dict[str, Any] | None  # a retirement made after the sale (before retire-first)
    project: dict[str, Any] | None
    ranges: tuple[CreditRange, ...] = ()  # the retired grams covering it, as received
    retirement_status: RetirementStatus | None = None  # None: not received
    scenario: str = ""  # from the uploaded order ("" until it arrives): for "month of your year"


@dataclass(frozen=True)
class Gathered:
    """What one certificate's page is made of: the rows read and the token's check."""

    cert_id: str
    rows: tuple[Row[Any], ...]  # page_storage.page_rows
    token_project: str | None  # the verified token's project's data, when not the upload's
    cert: payload.Certificate | None  # the verified token's content
    signature: str
    problem: str

    @property
    def version(self) -> tuple[Any, ...]:
        """Everything the page depends on besides the token (which keys the cache): equal
        versions make the same page (sync/registry/page_cache.py)."""
        return (self.rows, self.token_project)


@lru_cache(maxsize=TOKENS)
def _issuer(text: str) -> tuple[str | None, str]:
    """The kiosk id a token names (nothing else is read before its signature is checked), or
    why it cannot be opened. A pure function of the text: safe to remember."""
    try:
        return payload.open_token(text).kiosk_id, ""
    except payload.CertificateError as exc:
        return None, str(exc)


@lru_cache(maxsize=TOKENS)
def _checked(text: str, kiosk_id: str, public_key: str) -> tuple[payload.Certificate | None, str]:
    """The token's content if its signature verifies with exactly this key, else why not.
    A pure function of the text and the key, so remembering it is safe: a forged or altered
    token is another text and is checked afresh; a kiosk's new key is another key."""
    try:
        return payload.verify(text, {kiosk_id: public_from_text(public_key)}), ""
    except (payload.CertificateError, SigningKeyError) as exc:
        return None, str(exc)


def gather(*, conn: Connection, cert_id: str, token: str | None) -> Gathered:
    """Read one certificate's rows (one statement) and check its token, if any."""
    cert_id = cert_id.upper()
    text = f"/C/{cert_id}/{token}" if token else ""
    kiosk_id, problem = _issuer(text) if text else (None, "")
    rows = page_storage.page_rows(conn=conn, cert_id=cert_id, kiosk_id=kiosk_id)
    cert, signature, token_project = None, "absent", None
    if text and kiosk_id is None:
        signature = "invalid"
    elif text and kiosk_id is not None:
        key = rows[0].public_key
        if key is None:
            signature, problem = "unknown_kiosk", f"kiosk {kiosk_id} is not enrolled here"
        else:
            cert, problem = _checked(text, kiosk_id, key)
            signature = "verified" if cert is not None else "invalid"
    if cert is not None and cert.project_id != rows[0].project_id:
        token_project = page_storage.project_data(conn=conn, project_id=cert.project_id)
    return Gathered(cert_id, rows, token_project, cert, signature, problem)


def look_up(*, conn: Connection, cert_id: str, token: str | None) -> Lookup:
    return interpret(gather(conn=conn, cert_id=cert_id, token=token))


def _ranges(rows: tuple[Row[Any], ...]) -> tuple[CreditRange, ...]:
    return tuple(range_named(r) for r in rows if r.number is not None)


def interpret(read: Gathered) -> Lookup:
    """The certificate as the page and the JSON lookup tell it, from what `gather` read."""
    row = read.rows[0] if read.rows[0].id is not None else None
    cert, signature = read.cert, read.signature
    facts: dict[str, Any] | None = None
    if cert is not None:
        facts = {
            "kiosk_id": cert.kiosk_id,
            "serial": cert.serial,
            "issued": cert.issued.isoformat(),
            "footprint_g": cert.footprint_g,
            "offset_g": cert.offset_g,
            "project_id": cert.project_id,
            "factors_version": cert.factors_version,
        }
    data = json.loads(row.payload) if row is not None else {}
    if row is not None and signature == "absent":
        facts = {
            "kiosk_id": row.kiosk_id,
            "serial": row.serial,
            "issued": row.paid_at,
            "footprint_g": row.footprint_g,
            "offset_g": row.offset_g,
            "project_id": row.project_id,
            "factors_version": data.get("factors_version", ""),
        }
    mismatch = bool(
        row is not None
        and cert is not None
        and (row.offset_g, row.project_id, row.serial)
        != (cert.offset_g, cert.project_id, cert.serial)
    )
    retirement = None
    if row is not None and row.retirement_id is not None and row.r_id is not None:
        retirement = {name: getattr(row, f"r_{name}") for name in RETIREMENT}
    ranges = _ranges(read.rows) if row is not None else ()
    status = None
    if row is not None:
        covered = ranges or retirement is not None
        status = RetirementStatus.RETIRED if covered else RetirementStatus.PENDING
    project_data = read.rows[0].project_data  # the upload's project (NULL: not received)
    if cert is not None and cert.project_id != read.rows[0].project_id:
        project_data = read.token_project  # the verified token names another (as gather read)
    project = json.loads(project_data) if project_data is not None else None
    return Lookup(
        cert_id=read.cert_id,
        facts=facts,
        signature=signature,
        problem=read.problem,
        received=row is not None,
        voided=bool(row is not None and row.voided_at),
        mismatch=mismatch,
        retirement=retirement,
        project=project,
        ranges=ranges,
        retirement_status=status,
        scenario=str(data.get("scenario", "")),
    )
