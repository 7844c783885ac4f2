"""`diandian registry ...`: run and operate the central registry service.

Every subcommand takes `--db URL` (`sqlite:////ABSOLUTE/PATH`, a plain path, or
`postgresql+psycopg://USER@HOST/DB`); each change runs in one transaction, and every failure is
one plain line (a DiandianError), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any

DEFAULT_DB_HELP = "database URL or SQLite path (default: registry.sqlite in $DIANDIAN_HOME)"


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "registry",
        help="run and operate the central registry service",
        description="The central registry: kiosks push their sales to it and pull catalogue, "
        "factors, allocations, rankings and keys; it serves the certificate pages.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--db", metavar="URL", help=DEFAULT_DB_HELP)
        sub.set_defaults(handler=handler)
        return sub

    init = action("init", "create the registry's database or upgrade its schema", run_init)
    init.add_argument(
        "--demo",
        action="store_true",
        help="also load the demo catalogue (with retired serials), the demo venues, and "
        "turn on the simulated payment provider for the phone flow",
    )
    venues = action(
        "import-venues", "import venues for the phone flow (venues.toml format)", run_venues
    )
    venues.add_argument("file", type=Path, metavar="FILE", help="TOML or JSON")
    serve = action("serve", "serve the /v1 API and the certificate pages (uvicorn)", run_serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8700, help="port (8700)")
    serve.add_argument("--tls-cert", type=Path, metavar="PEM", help="TLS certificate chain")
    serve.add_argument("--tls-key", type=Path, metavar="PEM", help="TLS private key")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address phones open certificate pages at (https://HOST[:PORT]), if not the "
        "one kiosks sync with; stored, so later runs and other processes use it too",
    )
    serve.add_argument(
        "--headroom-t",
        type=float,
        default=5.0,
        help="tonnes of each project a kiosk may hold "
        "unsold; each allocations pull tops it up to this (5)",
    )
    token = action("enroll-token", "print a one-time enrolment token for a kiosk", run_token)
    token.add_argument("--name", required=True, help="the kiosk's or venue's name")
    token.add_argument(
        "--expires",
        default="7d",
        metavar="DURATION",
        help="how long it stays usable: 30m, 12h, 7d ... up to 90d (default 7d)",
    )
    tokens = action("tokens", "list enrolment tokens: fingerprint, name, expiry, state", run_tokens)
    tokens.add_argument("--json", action="store_true", help="one JSON array")
    revoke = action("revoke-token", "withdraw an unused enrolment token", run_revoke)
    revoke.add_argument(
        "token", metavar="TOKEN", help="the token, or its fingerprint from `registry tokens`"
    )
    projects = action("import-projects", "import projects, serial blocks and stock", run_import)
    projects.add_argument("file", type=Path, metavar="FILE", help="TOML or JSON")
    factors = action(
        "import-factors", "serve this factor table instead of the shipped one", run_factors
    )
    factors.add_argument("file", type=Path, metavar="FILE", help="factors.toml format (or JSON)")
    stats = action(
        "stats",
        "kiosks, purchases and retirement per project; per retired block: sold, refunded,"
        " unallocated",
        run_stats,
    )
    stats.add_argument("--json", action="store_true", help="one JSON object")
    retire = action(
        "retire-blocks",
        "record serials retired at the exchange: they cover pending sales first, then kiosks"
        " are granted them",
        run_retire_blocks,
    )
    retire.add_argument("--project", required=True, metavar="ID", help="the project's id")
    retire.add_argument(
        "--serials", required=True, metavar="FROM..TO", help="e.g. CDCER-2024-000001..000100"
    )
    retire.add_argument(
        "--reference", required=True, metavar="REF", help="the exchange's retirement record"
    )
    retire.add_argument(
        "--beneficiary", required=True, metavar="TEXT", help='e.g. "Diandian visitors"'
    )
    rejects = action("rejects", "records the registry refused, newest first", run_rejects)
    rejects.add_argument("--kiosk", metavar="ID", help="only this kiosk's")
    rejects.add_argument("--limit", type=int, default=50, help="how many (50)")
    rejects.add_argument("--json", action="store_true", help="one JSON array")
    close = action("close-day", "close a business day (later sales for it are filed)", run_close)
    close.add_argument("day", metavar="YYYY-MM-DD")
    from sync.commands import registry_events  # it uses this module's helpers

    registry_events.register(action)
    from sync.commands import registry_phone

    registry_phone.register(action)
    from sync.commands.settlement import register_actions

    register_actions(action)


def write_file(path: Path, data: bytes) -> None:
    """Atomically: a statement half written is worse than none."""
    from kiosk.errors import InputError

    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        raise InputError(str(path), f"cannot write it: {exc.strerror or exc}") from None


def _url(args: argparse.Namespace) -> str:
    if args.db:
        return str(args.db)
    home = os.environ.get("DIANDIAN_HOME")
    if home:
        return str(Path(home) / "registry.sqlite")
    from kiosk.paths import default_ledger

    return str(default_ledger().with_name("registry.sqlite"))


def _engine(args: argparse.Namespace, *, init: bool = False) -> Any:
    """The engine, after checking the database is reachable and (unless init) current."""
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.errors import DiandianError
    from sync.registry import migrations
    from sync.registry.db import make_engine

    url = _url(args)
    if url.startswith("sqlite:///") or "://" not in url:
        path = Path(url.removeprefix("sqlite:///"))
        if init:
            path.expanduser().parent.mkdir(parents=True, exist_ok=True)
        elif not path.expanduser().exists():
            raise DiandianError(f"no registry database at {path}; run `diandian registry init`")
    engine = make_engine(url)
    try:
        waiting = migrations.pending(engine)
    except SQLAlchemyError as exc:
        raise DiandianError(f"cannot open the registry database: {_reason(exc)}") from None
    if waiting and not init:
        raise DiandianError(
            f"the registry database needs `diandian registry init` ({len(waiting)} migration(s))"
        )
    return engine


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _in_transaction(args: argparse.Namespace, work: Any) -> Any:
    from sqlalchemy.exc import IntegrityError, SQLAlchemyError

    from kiosk.errors import DiandianError

    engine = _engine(args)
    try:
        with engine.begin() as conn:
            return work(conn)
    except IntegrityError as exc:
        raise DiandianError(f"refused by the database: {_reason(exc)}") from None
    except SQLAlchemyError as exc:
        raise DiandianError(f"database error: {_reason(exc)}") from None
    finally:
        engine.dispose()


def run_init(args: argparse.Namespace) -> int:
    from sync.registry import migrations
    from sync.registry.db import where

    engine = _engine(args, init=True)
    applied = migrations.upgrade(engine)
    done = ", ".join(applied) if applied else "already current"
    print(f"registry database ready: {where(_url(args))} ({done})")
    if args.demo:
        from sync.registry.demo import load_demo

        loaded = _in_transaction(args, lambda conn: load_demo(conn=conn))
        print(
            f"demo mode: {len(loaded['projects'])} new demo project(s), venues"
            f" {', '.join(loaded['venues'])}; simulated payments on"
        )
    return 0


def run_venues(args: argparse.Namespace) -> int:
    from sync.registry import operations
    from sync.registry.phone.venues import import_venues

    data = operations.read_file(args.file)
    ids = _in_transaction(
        args, lambda conn: import_venues(conn=conn, data=data, source=str(args.file))
    )
    print(f"imported {len(ids)} venue(s): {', '.join(ids)}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from kiosk.certificate.address import check_public_url
    from kiosk.errors import InputError
    from sync.registry import migrations, operations
    from sync.registry.app import create_app, serve
    from sync.registry.db import where

    if bool(args.tls_cert) != bool(args.tls_key):
        raise InputError("--tls-cert/--tls-key", "give both, or neither")
    for path in (args.tls_cert, args.tls_key):
        if path is not None and not path.is_file():
            raise InputError("--tls-cert/--tls-key", f"{path} is not a file")
    if not 0 < args.headroom_t <= 1_000_000:
        raise InputError("--headroom-t", "must be more than 0 and at most 1,000,000 tonnes")
    if args.public_url is not None:
        check_public_url(args.public_url, "--public-url")  # before anything is written
    engine = _engine(args, init=True)
    migrations.upgrade(engine)  # a fresh database is usable at once; applied steps are skipped
    print(f"registry database: {where(_url(args))}", flush=True)
    if args.public_url is not None:
        with engine.begin() as conn:
            url = operations.set_public_url(conn=conn, url=args.public_url)
        print(f"certificate QRs point to {url}", flush=True)
    app = create_app(engine, headroom_g=round(args.headroom_t * 1_000_000))
    serve(
        app,
        host=args.host,
        port=args.port,
        tls_cert=str(args.tls_cert) if args.tls_cert else None,
        tls_key=str(args.tls_key) if args.tls_key else None,
    )
    return 0


def run_token(args: argparse.Namespace) -> int:
    import sys

    from sync.registry import operations, storage

    lifetime = operations.parse_lifetime(args.expires)

    def work(conn: Any) -> tuple[str, str]:
        token = operations.new_enrol_token(conn=conn, name=args.name, lifetime=lifetime)
        row = storage.get_enrol_token(conn=conn, token_hash=operations.hash_token(token))
        return token, row.expires_at

    token, expires_at = _in_transaction(args, work)
    print(token)  # alone on stdout, for scripts
    print(f"usable once, until {expires_at} (UTC)", file=sys.stderr)
    return 0


def run_tokens(args: argparse.Namespace) -> int:
    from sync.registry import operations, storage

    rows = _in_transaction(args, lambda conn: storage.list_enrol_tokens(conn=conn))
    listed = [
        {
            "fingerprint": operations.token_fingerprint(row.token_hash),
            "name": row.name,
            "created_at": row.created_at,
            "expires_at": row.expires_at,
            "state": operations.token_status(row),
        }
        for row in rows
    ]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False))
        return 0
    for t in listed:
        print(f"{t['fingerprint']}  {t['expires_at'] or '-':24}  {t['state']:40}  {t['name']}")
    if not listed:
        print("(no enrolment tokens)")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from sync.registry import operations

    revoked = _in_transaction(args, lambda conn: operations.revoke_token(conn=conn, ref=args.token))
    print("token revoked" if revoked else "that token was already used, revoked or expired")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from sync.registry import operations

    data = operations.read_file(args.file)
    ids = _in_transaction(
        args, lambda conn: operations.import_projects(conn=conn, data=data, source=str(args.file))
    )
    print(f"imported {len(ids)} project(s): {', '.join(ids)}")
    return 0


def run_factors(args: argparse.Namespace) -> int:
    from sync.registry import operations

    data = operations.read_file(args.file)
    version = _in_transaction(
        args, lambda conn: operations.import_factors(conn=conn, data=data, source=str(args.file))
    )
    print(f"factor table {version} will be served to kiosks")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from kiosk.money import format_grams
    from sync.registry import operations

    stats = _in_transaction(args, lambda conn: operations.stats(conn=conn))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
        return 0
    print(
        f"kiosks {stats['kiosks']}  purchases {stats['purchases']}  voided {stats['voided']}"
        f"  rejected records {stats['rejected']}"
        + ("  (see `diandian registry rejects`)" if stats["rejected"] else "")
    )
    for p in stats["projects"]:
        print(
            f"{p['project_id']} ({p['credit_model'].replace('_', ' ')}): sold"
            f" {p['sold_g']:,} g in {p['purchases']} purchase(s), retired {p['retired_g']:,} g,"
            f" allocated {p['allocated_g']:,} of {p['stock_g']:,} g"
            + (
                f"; retirement pending for {p['pending_purchases']} purchase(s),"
                f" {p['pending_g']:,} g"
                if p["pending_purchases"]
                else ""
            )
        )
    if stats["blocks"]:
        print("retired blocks (sold: on a live certificate; unallocated: the platform's own):")
    for b in stats["blocks"]:
        print(
            f"  {b['serials']} ({b['project_id']}, {b['reference']}, for {b['beneficiary']}):"
            f" {b['retired_t']:,} t retired; sold {format_grams(b['sold_g'])}, refunded"
            f" {format_grams(b['refunded_g'])}, unallocated {format_grams(b['unallocated_g'])}"
            f" ({format_grams(b['held_by_kiosks_g'])} of it granted to kiosks, for sale)"
        )
    for k in stats["suspended"]:
        print(f"suspended kiosk {k['kiosk_id']}: {k['reason']}")
    return 0


def run_retire_blocks(args: argparse.Namespace) -> int:
    from sync.registry import credits

    made = _in_transaction(
        args,
        lambda conn: credits.retire_blocks(
            conn=conn,
            project_id=args.project,
            serials=args.serials,
            reference=args.reference,
            beneficiary=args.beneficiary,
        ),
    )
    print(
        f"{made['project_id']}: {made['serials']} ({made['tonnes']:,} t) retired as"
        f" {made['reference']}; {made['covered']} pending sale(s) covered"
    )
    return 0


def run_rejects(args: argparse.Namespace) -> int:
    from kiosk.errors import InputError
    from sync.registry import credit_storage

    if not 1 <= args.limit <= 10_000:
        raise InputError("--limit", "must be from 1 to 10000")
    rows = _in_transaction(
        args,
        lambda conn: credit_storage.rejects(conn=conn, kiosk_id=args.kiosk, limit=args.limit),
    )
    if args.json:
        print(json.dumps([dict(r._mapping) for r in rows], ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r.at[:19]}  {r.kiosk_id}  {r.event:6}  {r.order_id}  {r.reason}")
    if not rows:
        print("(no refused records)")
    return 0


def run_close(args: argparse.Namespace) -> int:
    from datetime import date

    from kiosk.errors import InputError
    from sync.registry import storage

    try:
        day = date.fromisoformat(args.day).isoformat()
    except ValueError:
        raise InputError("day", f"{args.day!r} is not a date like 2026-11-26") from None
    new = _in_transaction(args, lambda conn: storage.close_day(conn=conn, day=day))
    print(f"day {day} {'closed' if new else 'was already closed'}")
    return 0
