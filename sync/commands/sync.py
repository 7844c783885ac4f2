"""`diandian sync` (the nightly job) and `diandian enroll` (once per kiosk).

Registered through the `diandian.commands` entry points (pyproject.toml). The HTTP client is
imported inside the handlers, so `diandian --help` never pays for httpx.
"""

from __future__ import annotations

import argparse
import json
import logging
import socket
import sys
import textwrap
from pathlib import Path
from typing import Any

from kiosk.commands.common import add_db_argument, ledger_path
from sync.exit_codes import EXIT_REJECTED

DEFAULT_BUDGET_S = 300.0
# What a push reads and writes. Damage anywhere else (the audit log, orders) still needs a
# restore, but must not keep the outbox's sales from reaching the registry meanwhile.
SYNC_TABLES = frozenset(
    {"_sqlite_migrations", "meta", "settings", "outbox", "sync_batches", "sync_rejects",
     "sync_runs", "sqlite_sequence", "kiosk_keys"}
)  # fmt: skip
EXIT_CODES = """exit status:
  0   done (warnings are printed and kept in the run's record)
  1   the ledger cannot be used (missing, damaged, read-only: the reason is printed)
  2   bad command-line input
  65  done, but the registry rejected records (listed by --rejects; the rest went through)
  69  the registry is unreachable or failing (5xx) past the time budget; the queue is intact
  70  internal error
  75  another sync job is running on this ledger
  76  the registry refused a request (4xx) or answered nonsense; the reason is printed
  77  the registry refused this kiosk's signature (enrol it, check its clock)
  78  no registry configured (run `diandian enroll`), or a bad registry URL
"""


def _wrap(text: str) -> str:
    """The raw formatter keeps the exit-code table's layout; descriptions are wrapped here."""
    return textwrap.fill(text, 78)


def register_sync(commands: Any) -> None:
    parser = commands.add_parser(
        "sync",
        help="push sold orders to the registry and pull its updates (run nightly)",
        description=_wrap(
            "Push the outbox to the registry in recorded batches (a batch cut short by "
            "a crash is resent byte for byte), then pull the catalogue, factor table, this "
            "kiosk's allocations, rankings and the kiosks' public keys. One job at a time; "
            "network errors and 5xx are retried with backoff within --budget seconds."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--registry", metavar="URL", help="registry URL (default: the enrolled one)"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET_S,
        metavar="SECONDS",
        help=f"time allowed for retries before giving up (default {DEFAULT_BUDGET_S:g})",
    )
    parser.add_argument(
        "--batch-size",
        type=int,
        default=0,
        metavar="N",
        help="records per push request, 1 to 500 (default 500; smaller for a slow link)",
    )
    parser.add_argument("--no-pull", action="store_true", help="push only")
    show = parser.add_mutually_exclusive_group()
    show.add_argument(
        "--status", action="store_true", help="last run, queue length, last error; no network"
    )
    show.add_argument("--rejects", action="store_true", help="list records the registry rejected")
    show.add_argument(
        "--retry-rejected",
        action="store_true",
        help="give rejected records another try on the next run (after fixing the cause)",
    )
    parser.add_argument("--json", action="store_true", help="--status/--rejects as JSON")
    add_db_argument(parser)
    parser.set_defaults(handler=run_sync)


def register_enroll(commands: Any) -> None:
    enrol = commands.add_parser(
        "enroll",
        help="bind this kiosk's key to the registry with an operator's one-time token",
        description=_wrap(
            "Send this kiosk's id and public key with a one-time token from "
            "`diandian registry enroll-token`; on success the registry URL is stored in the "
            "ledger for `diandian sync`."
        ),
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    enrol.add_argument("--registry", metavar="URL", required=True, help="registry URL")
    enrol.add_argument("--token", required=True, help="the operator's one-time token")
    enrol.add_argument("--name", help="this kiosk's name at the registry (default: host name)")
    enrol.add_argument("--budget", type=float, default=60.0, metavar="SECONDS",
                       help="time allowed for retries (default 60)")  # fmt: skip
    add_db_argument(enrol)
    enrol.set_defaults(handler=run_enroll)


def _fail(prog: str, exc: Exception, code: int) -> int:
    """One line, whatever the exception's text holds: cron mails and journals stay readable."""
    print(f"diandian {prog}: error: {' '.join(str(exc).split())}", file=sys.stderr)
    return code


def run_enroll(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from kiosk.certificate import keys
    from kiosk.certificate.issue import kiosk_key
    from kiosk.errors import InputError
    from kiosk.ledger import Ledger, syncstate
    from kiosk.timestamps import stamp, utc_now
    from sync import protocol
    from sync.client import Backoff, Refused, RegistryClient, SyncError
    from sync.messages import EnrolRequest, EnrolResponse, problems
    from sync.pull import BadData, public_url_of

    with Ledger.open(ledger_path(args), create=True) as ledger:
        key = kiosk_key(ledger)
        name = args.name or socket.gethostname()
        try:  # the URL first: a registry that is not allowed is the first thing to fix
            client = RegistryClient(
                args.registry, kiosk_id=ledger.kiosk_id, key=key, backoff=Backoff(args.budget)
            )
        except SyncError as exc:
            return _fail("enroll", exc, exc.exit_code)
        try:
            request = EnrolRequest(
                token=args.token,
                kiosk_id=ledger.kiosk_id,
                public_key=keys.public_text(key),
                name=name,
            )
        except ValidationError as exc:
            client.close()
            raise InputError("--token/--name", problems(exc.errors())) from None
        try:
            with client:
                answer = client.post(
                    protocol.ENROL, protocol.canonical(request.model_dump()), signed=False
                )
            EnrolResponse.model_validate(answer)
        except ValidationError as exc:
            bad = Refused(f"the registry's enrolment answer is malformed: {problems(exc.errors())}")
            return _fail("enroll", bad, bad.exit_code)
        except SyncError as exc:
            return _fail("enroll", exc, exc.exit_code)
        try:
            public = public_url_of(answer)
        except BadData as exc:  # enrolled all the same: QRs use the address it synced with
            print(f"diandian enroll: warning: {exc}", file=sys.stderr)
            public = ""
        syncstate.set_settings(
            ledger,
            {
                "registry_url": client.base_url,
                "public_url": public,
                "enrolled_kiosk": ledger.kiosk_id,
                "enrolled_name": name,
                "enrolled_at": stamp(utc_now()),
                "enrolment": json.dumps(answer, ensure_ascii=False, sort_keys=True),
            },
        )
        print(f"kiosk {ledger.kiosk_id} ({name}) enrolled at {client.base_url}")
        print(f"certificate QRs point to {public or client.base_url}")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from kiosk import logs
    from kiosk.errors import InputError
    from kiosk.ledger import Ledger, LedgerUnavailable
    from sync.client import SyncError
    from sync.lock import sync_lock

    path = ledger_path(args)
    if not path.is_file():
        raise LedgerUnavailable(f"no ledger at {path}")
    if not 0 < args.budget <= 86_400:
        raise InputError("--budget", "must be more than 0 and at most 86400 seconds")
    if args.status or args.rejects:
        with Ledger.open(path, create=False, check=False) as ledger:
            return _show(ledger, args)
    logs.configure(path.with_name("sync.log"), stderr=False)  # stdout/stderr: for the admin
    damaged: list[str] = []

    def whole_file(conn: Any) -> bool:
        """The per-table check, when the ledger's sessions say one is due (see
        kiosk/ledger/sessions.py): a damaged table the push does without does not stop it."""
        damaged[:] = _damage(conn, path)
        return not damaged

    try:
        with sync_lock(path), Ledger.open(path, create=False, check=whole_file) as ledger:
            if args.retry_rejected:
                return _retry_rejected(ledger)
            return _sync(ledger, args, damaged)
    except SyncError as exc:
        logging.getLogger("diandian.sync").error("sync failed (exit %d): %s", exc.exit_code, exc)
        return _fail("sync", exc, exc.exit_code)


def _damage(conn: Any, path: Path) -> list[str]:
    """The damaged tables the push can do without; LedgerUnavailable if it needs one."""
    import sqlite3

    from kiosk.ledger import LedgerUnavailable, db

    try:
        damaged = db.damaged_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise LedgerUnavailable(db.describe(exc, path)) from None
    needed = sorted(set(damaged) & SYNC_TABLES) or [t for t in damaged if t == db.WHOLE_FILE]
    if needed:
        raise LedgerUnavailable(
            f"the ledger file is damaged ({path}, {', '.join(needed)}); nothing was "
            "pushed; restore it with `diandian ledger restore`"
        )
    return damaged


def _store_venue(ledger: Any) -> None:
    """The venue in the kiosk's settings, for the events pull (a kiosk that has not sold yet
    is at no venue the registry knows of)."""
    from kiosk.config import load_settings
    from kiosk.ledger import syncstate
    from kiosk.venues import get_venue

    venue = get_venue(load_settings()[0].venue).id
    if syncstate.setting(ledger, "venue") != venue:
        syncstate.set_settings(ledger, {"venue": venue})


def _close_at() -> Any:
    """When the business day closes by itself ([kiosk] close_day_at; a bad setting is
    reported by the kiosk app, and the default is used here)."""
    from kiosk.config import load_settings

    return load_settings()[0].close_day_at


def _sync(ledger: Any, args: argparse.Namespace, damaged: list[str]) -> int:
    from kiosk.certificate.issue import kiosk_key
    from kiosk.errors import InputError
    from kiosk.ledger import syncstate
    from sync import job, protocol
    from sync.client import Backoff, NotConfigured, RegistryClient, SyncError
    from sync.progress import reporter

    if not 0 <= args.batch_size <= protocol.MAX_BATCH:
        raise InputError("--batch-size", f"must be from 1 to {protocol.MAX_BATCH}")
    url = args.registry or syncstate.setting(ledger, "registry_url")
    if not url:
        raise NotConfigured(
            "no registry configured: run `diandian enroll --registry URL --token TOKEN` first"
        )
    if syncstate.setting(ledger, "enrolled_kiosk") != ledger.kiosk_id:
        raise NotConfigured(f"kiosk {ledger.kiosk_id} is not enrolled: run `diandian enroll`")
    if not damaged:
        _store_venue(ledger)
    key = kiosk_key(ledger)
    with (
        RegistryClient(url, kiosk_id=ledger.kiosk_id, key=key, backoff=Backoff(args.budget)) as c,
        reporter() as progress,
    ):
        try:
            result = job.run(
                ledger,
                c,
                progress=progress,
                pull=not args.no_pull and not damaged,
                batch_size=args.batch_size or None,
                salvage=bool(damaged),
                close_days=True,
                close_at=_close_at(),
            )
        except SyncError as exc:
            queued = syncstate.queue_length(ledger)
            raise type(exc)(f"{exc}; {queued} record(s) still queued") from None
    print(f"sync {c.base_url}: {result.summary()}")
    for warning in result.warnings:
        print(f"  warning: {warning}")
    if damaged:
        print(
            f"diandian sync: error: the ledger file is damaged ({ledger.path}, "
            f"{', '.join(damaged)}): the outbox was pushed ({result.pushed} record(s) at the "
            "registry), nothing was pulled; restore it with `diandian ledger restore`",
            file=sys.stderr,
        )
        return 1
    return EXIT_REJECTED if result.rejected else 0


def _retry_rejected(ledger: Any) -> int:
    from kiosk.ledger import syncstate

    print(f"{syncstate.clear_rejects(ledger)} rejected record(s) will be sent on the next run")
    return 0


def _show(ledger: Any, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from kiosk.ledger import syncstate

    if args.rejects:
        rejects = syncstate.rejects(ledger)
        if args.json:
            print(json.dumps([asdict(r) for r in rejects], ensure_ascii=False, indent=2))
            return 0
        print(f"{len(rejects)} rejected record(s)")
        for r in rejects:
            print(f"  outbox {r.outbox_id}  order {r.order_id}  {r.at}  {r.reason}")
        return 0
    last, error = syncstate.last_run(ledger), syncstate.last_error(ledger)
    status = {
        "kiosk_id": ledger.kiosk_id,
        "registry": syncstate.setting(ledger, "registry_url"),
        "enrolled_at": syncstate.setting(ledger, "enrolled_at"),
        "queue": syncstate.queue_length(ledger),
        "rejected": len(syncstate.rejects(ledger)),
        "last_run": asdict(last) if last else None,
        "last_error": asdict(error) if error else None,
    }
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
        return 0
    print(f"kiosk {status['kiosk_id']}, registry {status['registry'] or '(not enrolled)'}")
    print(f"queue: {status['queue']} record(s) to push, {status['rejected']} rejected")
    if last is None:
        print("last run: never")
    else:
        print(
            f"last run: {last.started_at} .. {last.ended_at or '-'}  {last.outcome}  "
            f"pushed {last.pushed}, pulled {last.pulled}"
        )
    if error is not None:
        print(f"last error ({error.started_at}, {error.outcome}): {error.error}")
    return 0
