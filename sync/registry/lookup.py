"""What the registry knows about one certificate: its facts, signature, receipt, retirement.

Shared by the JSON lookup and the HTML page. The token in the QR is checked with the issuing
kiosk's enrolled key, so a certificate issued offline verifies before the registry has it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from kiosk.certificate import payload
from kiosk.certificate.keys import SigningKeyError, public_from_text
from kiosk.credit import CreditRange, RetirementStatus
from sync.registry import credit_storage, storage


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


def _from_token(conn: Connection, cert_id: str, token: str) -> tuple[Any, str, str]:
    """Check the token with its kiosk's enrolled key before anything in it is interpreted
    (kiosk.certificate.payload reads only the kiosk id first)."""
    text = f"/C/{cert_id}/{token}"
    try:
        kiosk_id = payload.open_token(text).kiosk_id
    except payload.CertificateError as exc:
        return None, "invalid", str(exc)
    kiosk = storage.get_kiosk(conn=conn, kiosk_id=kiosk_id)
    if kiosk is None:
        return None, "unknown_kiosk", f"kiosk {kiosk_id} is not enrolled here"
    try:
        cert = payload.verify(text, {kiosk_id: public_from_text(kiosk.public_key)})
    except (payload.CertificateError, SigningKeyError) as exc:
        return None, "invalid", str(exc)
    return cert, "verified", ""


def look_up(*, conn: Connection, cert_id: str, token: str | None) -> Lookup:
    cert_id = cert_id.upper()
    cert, signature, problem = (None, "absent", "")
    if token:
        cert, signature, problem = _from_token(conn, cert_id, token)
    row = storage.find_purchase(conn=conn, cert_id=cert_id)
    facts: dict[str, Any] | None = None
    if cert is not None and signature == "verified":
        facts = {
            "kiosk_id": cert.kiosk_id,
            "serial": cert.serial,
            "issued": cert.issued.isoformat(),
            "footprint_g": cert.footprint_g,
            "offset_g": cert.offset_g,
            "project_id": cert.project_id,
            "factors_version": cert.factors_version,
        }
    elif row is not None and signature == "absent":
        data = json.loads(row.payload)
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
        and signature == "verified"
        and (row.offset_g, row.project_id, row.serial)
        != (cert.offset_g, cert.project_id, cert.serial)
    )
    retirement = None
    if row is not None and row.retirement_id is not None:
        found = storage.get_retirement(conn=conn, retirement_id=row.retirement_id)
        retirement = dict(found._mapping) if found is not None else None
    ranges = credit_storage.credit_of(conn=conn, purchase_id=row.id) if row is not None else ()
    status = None
    if row is not None:
        covered = ranges or retirement is not None
        status = RetirementStatus.RETIRED if covered else RetirementStatus.PENDING
    project = None
    project_id = (facts or {}).get("project_id") or (row.project_id if row is not None else None)
    if project_id:
        found = storage.get_project(conn=conn, project_id=project_id)
        project = json.loads(found.data) if found is not None else None
    return Lookup(
        cert_id=cert_id,
        facts=facts,
        signature=signature,
        problem=problem,
        received=row is not None,
        voided=bool(row is not None and row.voided_at),
        mismatch=mismatch,
        retirement=retirement,
        project=project,
        ranges=ranges,
        retirement_status=status,
        scenario=str(json.loads(row.payload).get("scenario", "")) if row is not None else "",
    )
