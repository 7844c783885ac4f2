"""`diandian registry event-create | events | invoices | invoice-issue | invoice-refuse |
invoice-credit-note`: events at venues and companies' invoice requests (issue 18)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sync.commands.registry import _in_transaction


def register(action: Any) -> None:
    """Add the actions to `diandian registry` (ACTION is its helper adding --db)."""
    create = action(
        "event-create",
        "record an event at a venue with its own footprint (the `event` scenario); the venue's"
        " kiosks pull it and show how much of it attendees have offset",
        run_event_create,
    )
    create.add_argument("--id", required=True, help="a short id for its page, e.g. expo-2026")
    create.add_argument("--venue", required=True, help="the venue id the kiosks are at")
    create.add_argument("--name-zh", required=True, help="its name in Chinese")
    create.add_argument("--name-en", default="", help="in English (default: the Chinese)")
    create.add_argument("--name-fr", default="", help="in French (default: the English)")
    create.add_argument("--starts", required=True, metavar="YYYY-MM-DD", help="first day")
    create.add_argument("--ends", required=True, metavar="YYYY-MM-DD", help="last day")
    create.add_argument("--organiser", required=True, help="who runs it (the organiser)")
    create.add_argument(
        "--set",
        dest="answers",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an answer of the event scenario (see `diandian footprint --help`), e.g."
        " attendees=500 hall_kwh=12000 travel=beijing:flight:100;chengdu:metro:150:20",
    )
    create.add_argument("--json", action="store_true", help="one JSON object")
    listing = action("events", "events with their footprint and how much is offset", run_events)
    listing.add_argument("--venue", help="only this venue's")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    invoices = action(
        "invoices", "companies' invoice requests (oldest first) and their status", run_invoices
    )
    invoices.add_argument(
        "--status",
        choices=("requested", "issued", "refused", "credit_note"),
        help="only these (credit_note: refunded after the invoice, a red-letter one is due)",
    )
    invoices.add_argument("--json", action="store_true", help="one JSON array")
    issue = action("invoice-issue", "record the invoice number issued for a request", run_issue)
    issue.add_argument("id", type=int, help="the request's id (`registry invoices`)")
    issue.add_argument("--number", required=True, help="the invoice number as issued")
    refuse = action("invoice-refuse", "refuse an invoice request, saying why", run_refuse)
    refuse.add_argument("id", type=int, help="the request's id")
    refuse.add_argument("--reason", required=True, help="why, shown to whoever asks")
    credit = action(
        "invoice-credit-note",
        "record the red-letter (credit) invoice issued for a refunded, invoiced purchase",
        run_credit_note,
    )
    credit.add_argument("id", type=int, help="the request's id")
    credit.add_argument("--number", required=True, help="the red-letter invoice's number")


def _event_line(e: dict[str, Any]) -> str:
    from sync.registry.event_page import share, tonnes

    done = e["offset_by_attendees_g"] + e["offset_by_organiser_g"]
    return (
        f"{e['event_id']}  {e['venue']}  {e['starts_on']}..{e['ends_on']}  {e['name']['zh']}:"
        f" footprint {tonnes(e['footprint_g'])}; attendees offset"
        f" {tonnes(e['offset_by_attendees_g'])}, organiser {tonnes(e['offset_by_organiser_g'])}"
        f" ({share(done, e['footprint_g'])}%)"
    )


def run_event_create(args: argparse.Namespace) -> int:
    from kiosk.commands.footprint import parse_pairs
    from sync.registry import audit, events

    answers = parse_pairs(args.answers)
    made = _in_transaction(
        args,
        lambda conn: events.create(
            conn=conn,
            event_id=args.id,
            venue=args.venue,
            names={"zh": args.name_zh, "en": args.name_en, "fr": args.name_fr},
            starts_on=args.starts,
            ends_on=args.ends,
            organiser=args.organiser,
            answers=answers,
            actor=audit.cli_actor(),
        ),
    )
    print(json.dumps(made, ensure_ascii=False) if args.json else _event_line(made))
    return 0


def run_events(args: argparse.Namespace) -> int:
    from sync.registry import events

    rows = _in_transaction(args, lambda conn: events.listed(conn, venue=args.venue))
    return _print(args, rows, _event_line, "(no events)")


def _print(args: argparse.Namespace, rows: list[dict[str, Any]], line: Any, none: str) -> int:
    """One JSON array with --json, else a line per row (NONE when there is none)."""
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        print(line(row))
    if not rows:
        print(none)
    return 0


def _invoice_line(r: dict[str, Any]) -> str:
    from kiosk.money import format_fen

    state = r["status"]
    if state == "issued":
        state = f"issued {r['invoice_number']}"
    elif state == "refused":
        state = f"refused: {r['refused_reason']}"
    if r["credit_note"] == "needed":
        state += "; REFUNDED: red-letter invoice due"
    elif r["credit_note"] == "issued":
        state += f"; red-letter {r['credit_note_number']}"
    return (
        f"#{r['id']}  {r['requested_at'][:16]}  {r['company_code']}  {r['company_name']}"
        f"  {format_fen(r['amount_fen'])}  {r['cert_id']}  {state}"
    )


def run_invoices(args: argparse.Namespace) -> int:
    from sync.registry import event_storage, invoices

    rows = _in_transaction(
        args,
        lambda conn: [
            invoices.as_dict(r)
            for r in event_storage.list_invoice_requests(conn=conn, status=args.status)
        ],
    )
    return _print(args, rows, _invoice_line, "(no invoice requests)")


def run_issue(args: argparse.Namespace) -> int:
    from sync.registry import audit, invoices

    _in_transaction(
        args,
        lambda conn: invoices.issue(
            conn=conn, request_id=args.id, number=args.number, actor=audit.cli_actor()
        ),
    )
    print(f"invoice request #{args.id}: issued {args.number.strip()}")
    return 0


def run_refuse(args: argparse.Namespace) -> int:
    from sync.registry import audit, invoices

    _in_transaction(
        args,
        lambda conn: invoices.refuse(
            conn=conn, request_id=args.id, reason=args.reason, actor=audit.cli_actor()
        ),
    )
    print(f"invoice request #{args.id}: refused")
    return 0


def run_credit_note(args: argparse.Namespace) -> int:
    from sync.registry import audit, invoices

    _in_transaction(
        args,
        lambda conn: invoices.credit_note_issued(
            conn=conn, request_id=args.id, number=args.number, actor=audit.cli_actor()
        ),
    )
    print(f"invoice request #{args.id}: red-letter invoice {args.number.strip()} recorded")
    return 0
