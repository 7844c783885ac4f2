"""`diandian registry` actions for money to the projects: settlement contracts, statements
(closing a period, the PDF and CSV), payouts, checking the statement chain, reconciling kiosks'
days, and the operators' audit. Each change runs in one transaction with its audit row.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sync.commands.registry import _in_transaction, write_file


def register_actions(action: Any) -> None:
    """Add this module's actions through `registry`'s `action(name, help, handler)`."""
    contract = action(
        "contract",
        "show or change a project's settlement contract (owner, fee, period, currency);"
        " a change is a new row from its effective date, audited",
        run_contract,
    )
    contract.add_argument("--project", required=True, metavar="ID", help="the project's id")
    contract.add_argument("--owner", metavar="NAME", help="who is paid the project's net")
    contract.add_argument("--fee-percent", metavar="P", help="the platform's fee, e.g. 5 or 2.5")
    contract.add_argument("--period", choices=("monthly", "quarterly"), help="statement period")
    contract.add_argument("--currency", metavar="CUR", help="CNY")
    contract.add_argument(
        "--effective", metavar="YYYY-MM-DD", help="the day the change takes effect (today)"
    )
    contract.add_argument("--json", action="store_true", help="the contract's history as JSON")
    settle = action(
        "settle",
        "close a settlement period: one numbered, hash-chained statement per project",
        run_settle,
    )
    settle.add_argument("--period", required=True, metavar="PERIOD", help="2026-11 or 2026-Q4")
    settle.add_argument("--project", metavar="ID", help="only this project (default: all)")
    settle.add_argument("--json", action="store_true", help="one JSON array")
    listing = action("statements", "list statements and their payouts", run_statements)
    listing.add_argument("--project", metavar="ID", help="only this project's")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    files = action("statement", "write a statement as an A4 PDF (zh+en) and/or CSV", run_statement)
    files.add_argument("number", type=int, metavar="NUMBER", help="the statement's number")
    files.add_argument("--pdf", type=Path, metavar="FILE", help="write the A4 PDF")
    files.add_argument("--csv", type=Path, metavar="FILE", help="write the CSV")
    payout = action("payout", "record that a statement's net was paid to the owner", run_payout)
    payout.add_argument("--statement", type=int, required=True, metavar="NUMBER")
    payout.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day it was paid")
    payout.add_argument("--reference", required=True, metavar="REF", help="the bank's reference")
    action(
        "verify-statements",
        "recompute the statements' hash chain; exit 1 on any break",
        run_verify,
    )
    reconcile = action(
        "reconcile",
        "compare each kiosk's signed day summary with the purchases received; exit 1 on a"
        " difference",
        run_reconcile,
    )
    reconcile.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the China day")
    reconcile.add_argument(
        "--stale-days",
        type=int,
        default=2,
        metavar="N",
        help="list kiosks that have not synced for more than N days (2)",
    )
    reconcile.add_argument("--json", action="store_true", help="one JSON object")
    people = action(
        "operators",
        "operator accounts: `operators add NAME --role R [--project ID]` (password asked, or"
        " --password-stdin), `operators list`, `operators token NAME` (a new API token, once;"
        " --revoke withdraws it)",
        run_operators,
    )
    people.add_argument("verb", choices=("add", "list", "token"))
    people.add_argument("name", nargs="?", metavar="NAME")
    people.add_argument("--role", choices=("operator", "auditor", "owner"))
    people.add_argument("--project", metavar="ID", help="the project an owner sees")
    people.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    people.add_argument("--json", action="store_true", help="`list` as a JSON array")
    people.add_argument(
        "--revoke", action="store_true", help="`token NAME --revoke`: its API token stops working"
    )
    audit = action("audit", "operator actions, newest first", run_audit)
    audit.add_argument("--project", metavar="ID", help="only those about this project")
    audit.add_argument("--limit", type=int, default=50, help="how many (50)")
    audit.add_argument("--json", action="store_true", help="one JSON array")


def run_contract(args: argparse.Namespace) -> int:
    from sync.registry import audit, contracts

    changes = {
        name: value
        for name, value in (
            ("owner", args.owner),
            ("fee_percent", args.fee_percent),
            ("period", args.period),
            ("currency", args.currency),
            ("effective", args.effective),
        )
        if value is not None
    }

    def work(conn: Any) -> tuple[Any, list[Any]]:
        made = None
        if changes:
            made = contracts.set_contract(
                conn=conn, project_id=args.project, changes=changes, actor=audit.cli_actor()
            )
        return made, contracts.history(conn=conn, project_id=args.project)

    made, history = _in_transaction(args, work)
    if args.json:
        rows = [{**c.terms(), "set_at": c.set_at, "set_by": c.set_by} for c in history]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if changes and made is None:
        print(f"{args.project}: the contract already says so; nothing changed")
    for c in history:
        print(
            f"from {c.effective_from}: owner {c.owner}, fee {c.fee_percent} %, {c.period},"
            f" {c.currency} (set {c.set_at[:19]} by {c.set_by})"
        )
    if not history:
        print(f"{args.project} has no settlement contract yet")
    return 0


def run_settle(args: argparse.Namespace) -> int:
    from kiosk.money import format_fen
    from sync.registry import audit, settle
    from sync.registry.periods import parse_period

    period = parse_period(args.period)
    results = _in_transaction(
        args,
        lambda conn: settle.close_period(
            conn=conn, period=period, actor=audit.cli_actor(), project_id=args.project
        ),
    )
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for r in results:
        if "skipped" in r:
            print(f"{r['project_id']}: no statement ({r['skipped']})")
            continue
        print(
            f"statement {r['number']} {r['project_id']} {r['period']}: gross"
            f" {format_fen(r['gross_fen'])}, refunds {format_fen(r['refunds_fen'])}, fee"
            f" {format_fen(r['fee_fen'])}, net {format_fen(r['net_fen'])}; {r['lines']} line(s),"
            f" {r['adjustments']} adjustment(s); sha256 {r['hash'][:16]}"
        )
    return 0


def run_statements(args: argparse.Namespace) -> int:
    from kiosk.money import format_fen
    from sync.registry import settlement_storage

    rows = _in_transaction(
        args, lambda conn: settlement_storage.list_statements(conn=conn, project_id=args.project)
    )
    if args.json:
        print(json.dumps([dict(r._mapping) for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        paid = f"paid {r.paid_on} ({r.bank_reference})" if r.paid_on else "not paid"
        print(f"{r.number:>5}  {r.project_id}  {r.period}  net {format_fen(r.net_fen)}  {paid}")
    if not rows:
        print("(no statements)")
    return 0


def run_statement(args: argparse.Namespace) -> int:
    from kiosk.errors import InputError
    from sync.registry import settle, settlement_storage, statement_files

    def work(conn: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
        row = settlement_storage.get_statement(conn=conn, number=args.number)
        if row is None:
            raise InputError("NUMBER", f"there is no statement {args.number}")
        payout = settlement_storage.payout_of(conn=conn, statement_id=row.id)
        return settle.content_of(row), dict(payout._mapping) if payout else None

    content, payout = _in_transaction(args, work)
    if not args.pdf and not args.csv:
        print(json.dumps(content, ensure_ascii=False, indent=1))
        return 0
    if args.csv:
        write_file(args.csv, statement_files.to_csv(content).encode("utf-8"))
        print(f"wrote {args.csv}")
    if args.pdf:
        write_file(args.pdf, statement_files.to_pdf(content, payout))
        print(f"wrote {args.pdf}")
    return 0


def run_payout(args: argparse.Namespace) -> int:
    from kiosk.money import format_fen
    from sync.registry import audit, payouts
    from sync.registry.periods import parse_day

    paid_on = parse_day(args.date, "--date")
    made = _in_transaction(
        args,
        lambda conn: payouts.record_payout(
            conn=conn,
            number=args.statement,
            paid_on=paid_on,
            reference=args.reference,
            actor=audit.cli_actor(),
        ),
    )
    print(
        f"statement {made['statement']} ({made['project_id']}): {format_fen(made['amount_fen'])}"
        f" paid on {made['paid_on']}, {made['bank_reference']}"
    )
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from sync.registry import settle

    problems = _in_transaction(args, lambda conn: settle.verify(conn=conn))
    for line in problems:
        print(line)
    if not problems:
        print("the statements' chain holds")
    return 1 if problems else 0


def run_reconcile(args: argparse.Namespace) -> int:
    from kiosk.errors import InputError
    from sync.registry import reconcile
    from sync.registry.periods import parse_day

    day = parse_day(args.date, "--date")
    if not 1 <= args.stale_days <= 365:
        raise InputError("--stale-days", "must be from 1 to 365")
    found = _in_transaction(
        args,
        lambda conn: reconcile.reconcile(conn=conn, day=day, stale_days=args.stale_days),
    )
    if args.json:
        print(json.dumps(found.to_dict(), ensure_ascii=False))
    else:
        for d in found.differences:
            print(f"{d.kiosk_id}  {d.kind}  {d.detail}")
        print(
            f"{day}: {len(found.checked)} kiosk day(s) compared,"
            f" {len(found.differences)} difference(s)"
        )
    return 1 if found.differences else 0


def run_audit(args: argparse.Namespace) -> int:
    from kiosk.errors import InputError
    from sync.registry import settlement_storage

    if not 1 <= args.limit <= 10_000:
        raise InputError("--limit", "must be from 1 to 10000")
    rows = _in_transaction(
        args,
        lambda conn: settlement_storage.audit_rows(
            conn=conn, limit=args.limit, project_id=args.project
        ),
    )
    if args.json:
        print(json.dumps([dict(r._mapping) for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r.at[:19]}  {r.actor}  {r.action}  {r.subject}  {r.detail}")
    if not rows:
        print("(no operator actions)")
    return 0


def _password(args: argparse.Namespace) -> str:
    import getpass
    import sys

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != first:
        from kiosk.errors import InputError

        raise InputError("password", "the two passwords differ")
    return first


def run_operators(args: argparse.Namespace) -> int:
    import sys

    from kiosk.errors import InputError
    from sync.registry import audit, operators

    if args.revoke and args.verb != "token":
        raise InputError("--revoke", "only with `operators token NAME --revoke`")
    if args.verb == "list":
        rows = _in_transaction(args, lambda conn: operators.list_operators(conn=conn))
        if args.json:
            print(json.dumps([dict(r._mapping) for r in rows], ensure_ascii=False))
            return 0
        for r in rows:
            state = " locked" if r.locked_until else ""
            print(f"{r.name}  {r.role}  {r.project_id or '-'}{state}")
        if not rows:
            print("(no operators)")
        return 0
    if not args.name:
        raise InputError("NAME", f"`operators {args.verb}` needs the operator's name")
    if args.verb == "token" and args.revoke:
        revoked = _in_transaction(
            args,
            lambda conn: operators.revoke_token(conn=conn, name=args.name, actor=audit.cli_actor()),
        )
        print("token revoked" if revoked else f"{args.name} had no API token")
        return 0
    if args.verb == "token":
        token = _in_transaction(
            args,
            lambda conn: operators.new_token(conn=conn, name=args.name, actor=audit.cli_actor()),
        )
        print(token)
        print("shown once: keep it; a new token replaces it", file=sys.stderr)
        return 0
    if not args.role:
        raise InputError("--role", "allowed: operator, auditor, owner")
    password = _password(args)
    made = _in_transaction(
        args,
        lambda conn: operators.add_operator(
            conn=conn,
            name=args.name,
            role=args.role,
            password=password,
            project_id=args.project,
            actor=audit.cli_actor(),
        ),
    )
    where = f" of {made.project_id}" if made.project_id else ""
    print(f"operator {made.name} added: {made.role}{where}")
    return 0
