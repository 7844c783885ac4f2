"""Where a real `diandian sync` spends the registry's time on PostgreSQL: the statements, the
checkpoints and WAL, and the registry process's Python.

`.venv/bin/python bench/profile_sync_pg.py --keep DIR [--orders 10000 100000] [--rate 100]`

As bench/bench_sync.py's PostgreSQL runs (the same template ledger in `--keep DIR`, the same
throwaway PostgreSQL 15 cluster and fresh database per count, the same `registry serve` and
`diandian sync` processes), with the cluster started with `pg_stat_statements` and
`log_checkpoints`, the statistics reset just before the timed sync, and `py-spy record
--nonblocking` attached to the registry process for the sync's duration. Prints per count:
the sync's wall time, the top statements by total execution time (calls, mean, rows), the
statements' total against the wall time, pg_stat_bgwriter's and pg_stat_wal's deltas, the
checkpoint lines of the server's log, and the registry's samples by function (inclusive,
non-idle). A profile, not the benchmark: py-spy and the statistics cost a little. Needs
py-spy in the venv (`.venv/bin/pip install py-spy`; not a project dependency).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_registry import prepare  # noqa: E402
from bench_sync import copy_ledger, enrol, run_cli, template  # noqa: E402

from tests.sync.registry import pg  # noqa: E402
from tests.sync.registry.served import serve  # noqa: E402

OPTIONS = (
    "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
    " -c log_checkpoints=on -c track_io_timing=on -c track_wal_io_timing=on"
)
BGWRITER = (
    "checkpoints_timed, checkpoints_req, checkpoint_write_time, checkpoint_sync_time,"
    " buffers_checkpoint, buffers_clean, buffers_backend, buffers_backend_fsync, buffers_alloc"
)
WAL = "wal_records, wal_fpi, wal_bytes, wal_buffers_full, wal_write, wal_sync, wal_write_time"


def registry_pid(base: str) -> int:
    """The `registry serve` process listening on the base URL's port."""
    port = base.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if b"serve" in args and b"--port" in args and port.encode() in args:
            return int(proc.name)
    raise RuntimeError(f"no registry process on port {port}")


def _row(admin: str, sql: str) -> dict[str, Any]:
    with psycopg.connect(admin, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(sql)
        names = [d.name for d in cur.description or ()]
        return dict(zip(names, cur.fetchone() or (), strict=False))


def reset(admin: str) -> None:
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")
        conn.execute("SELECT pg_stat_reset_shared('bgwriter')")
        conn.execute("SELECT pg_stat_reset_shared('wal')")


def statements(admin: str, database: str, top: int) -> tuple[list[dict[str, Any]], float]:
    """The top statements of `database` by total execution time, and all statements' total."""
    sql = (
        "SELECT calls, total_exec_time, mean_exec_time, rows, shared_blks_hit, shared_blks_read,"
        " shared_blks_dirtied, wal_bytes, query FROM pg_stat_statements s"
        " JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = %s"
        " ORDER BY total_exec_time DESC"
    )
    with psycopg.connect(admin, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(sql, (database,))
        names = [d.name for d in cur.description or ()]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    total = sum(r["total_exec_time"] for r in rows)
    for r in rows:
        r["query"] = re.sub(r"\s+", " ", r["query"])[:160]
        r["total_exec_time"] = round(r["total_exec_time"], 1)
        r["mean_exec_time"] = round(r["mean_exec_time"], 3)
        r["wal_bytes"] = int(r["wal_bytes"])
    return rows[:top], round(total, 1)


def samples(raw: Path, top: int) -> dict[str, Any]:
    """py-spy's collapsed stacks: total samples, and functions by inclusive share."""
    inclusive: Counter[str] = Counter()
    leaf: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        total += n
        frames = [_short(f) for f in stack.split(";")]
        for name in set(frames):
            inclusive[name] += n
        leaf[frames[-1]] += n
    share = lambda c: {k: round(100 * v / max(total, 1), 1) for k, v in c.most_common(top)}  # noqa: E731
    return {"samples": total, "inclusive_percent": share(inclusive), "self_percent": share(leaf)}


def _short(frame: str) -> str:
    """`function (path/to/module.py:line)` as `function (module.py)`."""
    match = re.match(r"(.*) \((.*?):\d+\)$", frame)
    if not match:
        return frame
    name, path = match.groups()
    parts = Path(path).parts
    where = "/".join(parts[parts.index("sync") :]) if "sync" in parts else parts[-1]
    return f"{name} ({where})"


def log_lines(log: Path, start: int) -> list[str]:
    with log.open("rb") as handle:
        handle.seek(start)
        text = handle.read().decode(errors="replace")
    return [line for line in text.splitlines() if "checkpoint" in line]


def one(admin: str, source: Path, folder: Path, orders: int, rate: int, top: int) -> dict:
    name = f"profile{orders}"
    pg.drop_database(admin, name)
    db_url = pg.create_database(admin, name)
    ledger = folder / f"profile-{orders}.sqlite"
    copy_ledger(source, ledger, orders)
    prepare(db_url)
    data = Path(_row(admin, "SHOW data_directory")["data_directory"])
    log = data.parent / "postgresql.log"
    raw = folder / f"pyspy-{orders}.txt"
    with serve(db_url, "--headroom-t", "500") as base:
        enrol(base, db_url, ledger)
        reset(admin)
        before_log = log.stat().st_size
        spy = subprocess.Popen(
            [shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy"), "record",
             "--pid", str(registry_pid(base)), "--rate", str(rate), "--nonblocking",
             "--format", "raw", "--output", str(raw)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(1.0)  # attached before the sync starts
        started = time.perf_counter()
        output = run_cli("sync", "--db", str(ledger)).stdout
        elapsed = time.perf_counter() - started
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=120)
    if f"pushed {orders} ({orders} accepted" not in output:
        raise RuntimeError(f"the push did not take every sale: {output}")
    top_rows, total_ms = statements(admin, name, top)
    return {
        "orders": orders,
        "sync_seconds": round(elapsed, 2),
        "orders_per_s": round(orders / elapsed),
        "statements_total_ms": total_ms,
        "statements_share_of_wall": round(total_ms / 1000 / elapsed, 3),
        "top_statements": top_rows,
        "bgwriter": _row(admin, f"SELECT {BGWRITER} FROM pg_stat_bgwriter"),
        "wal": {k: str(v) for k, v in _row(admin, f"SELECT {WAL} FROM pg_stat_wal").items()},
        "checkpoint_log": log_lines(log, before_log),
        "purchases_analysed": _row(
            admin.replace("dbname=postgres", f"dbname={name}"),
            "SELECT analyze_count, autoanalyze_count, last_autoanalyze, n_live_tup,"
            " current_setting('autovacuum') AS autovacuum FROM pg_stat_user_tables"
            " WHERE relname = 'purchases'",
        ),
        "registry_python": samples(raw, top * 3) if raw.exists() else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, required=True, help="the template ledger's folder")
    parser.add_argument("--rate", type=int, default=100, help="py-spy samples a second")
    parser.add_argument("--top", type=int, default=12, help="statements shown")
    args = parser.parse_args()
    counts = sorted(args.orders)
    args.keep.mkdir(parents=True, exist_ok=True)
    kept = args.keep / "template.sqlite"
    source = kept if kept.exists() else template(args.keep, counts[-1])
    if (why := pg.missing()) is not None:
        raise SystemExit(why)
    with pg.cluster(OPTIONS) as admin:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        figures = [one(admin, source, args.keep, n, args.rate, args.top) for n in counts]
    if len(figures) > 1:
        small, large = figures[0], figures[-1]
        per = [f["sync_seconds"] / f["orders"] for f in (small, large)]
        print(f"time per order, {large['orders']} over {small['orders']}: {per[1] / per[0]:.2f}")
    print(json.dumps(figures, indent=1, default=str))


if __name__ == "__main__":
    main()
