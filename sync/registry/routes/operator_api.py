"""The operator API: statements, payouts, closing a period, retirements, enrolment tokens and
reconciliation for scripts, with an operator's API token (`diandian registry operators token
NAME`; `--revoke` withdraws it) as `Authorization: Bearer ddo_...`. The token is kept only as
its SHA-256; a revoked or replaced one is a 401.

Scoped by role (sync.registry.operators): an operator reads and does what the CLI does (the
same code: sync.registry.operator_actions); an auditor reads everything and changes nothing
(403); an owner reads only its own project's statements (another project's statement is a
404, as if it did not exist) and no reconciliation. Every change is audited under the
operator's name, in the change's transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from kiosk.errors import InputError
from sync.registry import (
    operations,
    operator_actions,
    operators,
    payouts,
    reconcile,
    settle,
    settlement_storage,
    statement_files,
)
from sync.registry.errors import ApiError
from sync.registry.operators import Operator
from sync.registry.phone.context import now
from sync.registry.routes import transaction

PREFIX = "/ops/api"
# Not in the kiosks' OpenAPI document (sync.registry.contract, held to it by schemathesis):
# its error meanings are the kiosks'. Documented in the README until it has its own.
router = APIRouter(tags=["operators"], include_in_schema=False)


async def operator_request(request: Request) -> Operator:
    """The operator whose token the request carries; 401 without a current one."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorised", "missing operator token (Authorization: Bearer ...)")
    found = await transaction(
        request, lambda conn: operators.by_token(conn=conn, token=token.strip())
    )
    if found is None:
        raise ApiError(401, "unauthorised", "unknown or replaced operator token")
    return found


SignedIn = Annotated[Operator, Depends(operator_request)]


def _statement(conn: Connection, who: Operator, number: int) -> Any:
    row = settlement_storage.get_statement(conn=conn, number=number)
    if row is None or not who.may_see(row.project_id):
        raise ApiError(404, "not_found", f"no statement {number}")
    return row


@router.get(f"{PREFIX}/statements")
async def statements(request: Request, who: SignedIn) -> list[dict[str, Any]]:
    def work(conn: Connection) -> list[dict[str, Any]]:
        rows = settlement_storage.list_statements(conn=conn, project_id=who.project_id)
        return [dict(r._mapping) for r in rows]

    return await transaction(request, work)


@router.get(f"{PREFIX}/statements/{{number}}")
async def statement(number: int, request: Request, who: SignedIn) -> dict[str, Any]:
    return await transaction(request, lambda conn: settle.content_of(_statement(conn, who, number)))


@router.get(f"{PREFIX}/statements/{{number}}/{{kind}}")
async def statement_file(number: int, kind: str, request: Request, who: SignedIn) -> Response:
    """The statement's A4 PDF or its CSV (`registry statement N --pdf/--csv`)."""
    if kind not in ("pdf", "csv"):
        raise ApiError(404, "not_found", f"no file {kind!r}; allowed: pdf, csv")

    def work(conn: Connection) -> tuple[Any, dict[str, Any] | None]:
        row = _statement(conn, who, number)
        payout = settlement_storage.payout_of(conn=conn, statement_id=row.id)
        return row, dict(payout._mapping) if payout is not None else None

    row, payout = await transaction(request, work)
    content = settle.content_of(row)
    if kind == "pdf":
        body = await run_in_threadpool(statement_files.to_pdf, content, payout)
    else:
        body = statement_files.to_csv(content).encode("utf-8")
    media = "application/pdf" if kind == "pdf" else "text/csv; charset=utf-8"
    disposition = f'attachment; filename="statement-{row.number}.{kind}"'
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})


class PayoutBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paid_on: date
    bank_reference: str = Field(min_length=1, max_length=200)


@router.post(f"{PREFIX}/statements/{{number}}/payout")
async def payout(number: int, body: PayoutBody, request: Request, who: SignedIn) -> dict[str, Any]:
    if not who.may_change():
        raise ApiError(403, "forbidden", f"an {who.role} cannot record payouts")

    def work(conn: Connection) -> dict[str, Any]:
        _statement(conn, who, number)
        try:
            return payouts.record_payout(
                conn=conn,
                number=number,
                paid_on=body.paid_on,
                reference=body.bank_reference,
                actor=who.name,
            )
        except InputError as exc:
            raise ApiError(409, "refused", str(exc)) from None

    return await transaction(request, work)


@router.get(f"{PREFIX}/reconcile")
async def reconciliation(day: date, request: Request, who: SignedIn) -> dict[str, Any]:
    if who.role == operators.Role.OWNER:
        raise ApiError(403, "forbidden", "reconciliation is for operators and auditors")
    found = await transaction(request, lambda conn: reconcile.reconcile(conn=conn, day=day))
    return found.to_dict()


def _acting(request: Request, who: Operator, work: Any) -> Any:
    """Run an operator action in one write transaction: 403 for a role that may not, 409
    with the CLI's one line for a refusal."""

    def run(conn: Connection) -> Any:
        try:
            return work(conn)
        except operator_actions.Forbidden as exc:
            raise ApiError(403, "forbidden", str(exc)) from None
        except InputError as exc:
            raise ApiError(409, "refused", str(exc)) from None

    if not who.may_change():
        raise ApiError(403, "forbidden", f"an {who.role} cannot change anything")
    return transaction(request, run)


class SettleBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period: str = Field(min_length=1, max_length=20, description="2026-11 or 2026-Q4")
    project_id: str | None = Field(None, max_length=100)


@router.post(f"{PREFIX}/settle")
async def close_period(body: SettleBody, request: Request, who: SignedIn) -> list[dict[str, Any]]:
    """`registry settle --period P [--project ID]`: one statement per project, or why not."""
    moment = now(request.app)
    return await _acting(
        request,
        who,
        lambda conn: operator_actions.close_period(
            conn=conn, who=who, period=body.period, project_id=body.project_id, now=moment
        ),
    )


class RetireBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: str = Field(min_length=1, max_length=100)
    serials: str = Field(min_length=1, max_length=200, description="PREFIX000001..000010")
    reference: str = Field(min_length=1, max_length=200)
    beneficiary: str = Field(min_length=1, max_length=200)


@router.post(f"{PREFIX}/retire-blocks")
async def retire_blocks(body: RetireBody, request: Request, who: SignedIn) -> dict[str, Any]:
    """`registry retire-blocks`: the exchange's retirement of a project's serials."""
    return await _acting(
        request,
        who,
        lambda conn: operator_actions.retire_blocks(
            conn=conn,
            who=who,
            project_id=body.project_id,
            serials=body.serials,
            reference=body.reference,
            beneficiary=body.beneficiary,
        ),
    )


class EnrolTokenBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    expires: str = Field("7d", max_length=10, description="30m, 12h, 7d (at most 90d)")


@router.post(f"{PREFIX}/enrol-tokens")
async def enrol_token(body: EnrolTokenBody, request: Request, who: SignedIn) -> dict[str, str]:
    """`registry enroll-token`: a one-time kiosk enrolment token, in this answer only."""

    def work(conn: Connection) -> dict[str, str]:
        lifetime = operations.parse_lifetime(body.expires)
        return operator_actions.enrol_token(conn=conn, who=who, name=body.name, lifetime=lifetime)

    return await _acting(request, who, work)


class RevokeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    token: str = Field(min_length=1, max_length=200, description="the token or its fingerprint")


@router.post(f"{PREFIX}/enrol-tokens/revoke")
async def revoke_enrol_token(body: RevokeBody, request: Request, who: SignedIn) -> dict[str, int]:
    """`registry revoke-token`."""
    revoked = await _acting(
        request,
        who,
        lambda conn: operator_actions.revoke_enrol_token(conn=conn, who=who, ref=body.token),
    )
    return {"revoked": revoked}
