"""A throwaway PostgreSQL 15 cluster for the registry's tests, also when running as root.

PostgreSQL refuses to run as root (as CI and this machine do), and pytest-postgresql has no
option for another user. So its executor (`PostgreSQLExecutor`, what its `postgresql_proc`
factory runs) is pointed at a small `pg_ctl` wrapper: run by root, it hands the data and log
folders to the unprivileged `nobody` user and runs the real pg_ctl through
`runuser -u nobody`; run by anyone else, it just execs pg_ctl. The cluster listens on a free
127.0.0.1 port with trust authentication.

Why not the factory itself: it puts the data folder under pytest's basetemp, and a second
pytest session on the same machine (another `make test`) prunes old basetemps at start,
deleting a live cluster's folder; PostgreSQL then shuts down within a minute. The cluster
lives in its own temporary folder instead, removed when the session ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.ports import HeldPort

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_CTL = PG_BIN / "pg_ctl"
USER = "nobody"

WRAPPER = f"""#!/bin/sh
# pg_ctl for the registry tests: PostgreSQL will not run as root, so root runs it as {USER}.
if [ "$(id -u)" != 0 ]; then exec "{PG_CTL}" "$@"; fi
prev=""
for arg in "$@"; do
  case "$prev" in
    --pgdata|-D|-l)
      dir=$(dirname "$arg")
      mkdir -p "$dir" && chown {USER} "$dir"
      [ -e "$arg" ] && chown -R {USER} "$arg"
      while [ "$dir" != / ]; do chmod o+x "$dir"; dir=$(dirname "$dir"); done ;;
  esac
  prev="$arg"
done
cd /
exec runuser -u {USER} -- "{PG_CTL}" "$@"
"""


def missing() -> str | None:
    """Why a cluster cannot be started here, or None."""
    if not PG_CTL.exists():
        return f"PostgreSQL 15 server binaries are not installed ({PG_CTL} is missing)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root needs runuser (util-linux) to start PostgreSQL as nobody"
    return None


def wrapper() -> str:
    """The wrapper's path (written once per user; its content never changes)."""
    path = Path(tempfile.gettempdir()) / f"diandian-pg_ctl-{os.geteuid()}.sh"
    if not path.exists() or path.read_text() != WRAPPER:
        tmp = path.with_suffix(f".{os.getpid()}")
        tmp.write_text(WRAPPER)
        tmp.chmod(0o755)
        tmp.replace(path)
    return str(path)


@contextmanager
def cluster(options: str = "") -> Iterator[str]:
    """A running throwaway cluster: yields its admin libpq string (database `postgres`).
    `options`: extra server settings as `-c name=value ...` (a profile's, bench/)."""
    from pytest_postgresql.executors import PostgreSQLExecutor

    folder = Path(tempfile.mkdtemp(prefix="diandian-pg-"))
    held = HeldPort()  # PostgreSQL binds it with SO_REUSEADDR, as the registry does
    port = held.port
    executor = PostgreSQLExecutor(
        executable=wrapper(),
        host="127.0.0.1",
        port=port,
        datadir=str(folder / "data"),
        unixsocketdir=str(folder),
        logfile=str(folder / "postgresql.log"),
        startparams="-w",
        dbname="postgres",
        postgres_options=options,
    )
    try:
        executor.start()
        executor.wait_for_postgres()
        admin = f"host=127.0.0.1 port={port} user=postgres dbname=postgres"
        wait_until_accepting(admin)
        yield admin
    finally:
        held.close()
        with suppress(Exception):  # already gone: nothing left to stop
            executor.stop()
        shutil.rmtree(folder, ignore_errors=True)


def wait_until_accepting(admin: str, timeout_s: float = 120.0) -> None:
    """Return once the cluster accepts a connection.

    The executor returns when the port is open and `pg_ctl status` sees a postmaster, which on
    a loaded machine can be before start-up recovery ends: the first query then fails with "the
    database system is starting up" (seen once by a helper's run on the shared 2-core machine).
    """
    import psycopg

    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with psycopg.connect(admin, connect_timeout=10):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def create_database(admin: str, name: str) -> str:
    """A new empty database; its SQLAlchemy URL."""
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = dict(part.split("=", 1) for part in admin.split())
    return f"postgresql+psycopg://{params['user']}@{params['host']}:{params['port']}/{name}"


def drop_database(admin: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
