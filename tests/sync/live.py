"""The real registry (sync.registry.app on a fresh SQLite file) for the sync job's tests: in
process through an httpx transport, or served over HTTP on a loopback port by uvicorn.

The transport is also where a test makes the network or the registry misbehave, as a proxy
would: `fault` answers a request instead of the registry (a 503, a 400), `after_push` runs once
the registry has stored a push (raise: the answer is lost on its way back), and `answers`
replaces what one endpoint says (a registry sending malformed or shrinking data, which the
real one never does). Everything else is the registry's own behaviour.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from email.utils import formatdate
from pathlib import Path
from typing import Any

import anyio
import httpx
import uvicorn
from sqlalchemy import delete, func, select, update

from kiosk.certificate import keys
from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger
from sync import job, protocol
from sync.client import Backoff, RegistryClient
from sync.registry import credits, operations, storage
from sync.registry.app import create_app
from sync.registry.db import make_engine
from sync.registry.tables import allocations, batches, grants, kiosks, purchases
from tests.sync import schema

DEMO_PROJECTS = Path(__file__).parents[2] / "resources" / "catalogue" / "demo_projects.toml"
Fault = Callable[[str, str], tuple[int, dict[str, Any]] | None]


def demo_projects(only: Iterable[str] | None = None) -> dict[str, Any]:
    """The kiosk's demo catalogue with serials and stock, or the named projects of it."""
    data = operations.read_file(DEMO_PROJECTS)
    if only is not None:
        wanted = set(only)
        data = {**data, "project": [p for p in data["project"] if p["id"] in wanted]}
    return data


class LiveRegistry:
    def __init__(
        self,
        folder: Path,
        *,
        projects: dict[str, Any] | None = None,
        headroom_g: int = 5_000_000,
        retired: bool = True,
    ) -> None:
        self.engine = make_engine(f"sqlite:///{folder / 'registry.sqlite'}")
        schema.upgrade(self.engine)
        self.add_projects(demo_projects() if projects is None else projects, retired=retired)
        self.app = create_app(self.engine, headroom_g=headroom_g)
        self.requests: list[str] = []
        self.pushes: list[tuple[str, bytes]] = []  # (Idempotency-Key, body) as the app got them
        self.fault: Fault | None = None
        self.after_push: Callable[[], None] | None = None
        self.answers: dict[str, dict[str, Any]] = {}  # path -> what the "registry" says instead
        self.lock = threading.Lock()

    # -- the registry's side, as its operator would do it --------------------------------------

    def add_projects(self, data: dict[str, Any], *, retired: bool = True) -> None:
        """Import projects; with `retired`, all their serials retired at once (retire first,
        then sell: kiosks are granted them as they pull)."""
        if data.get("project"):
            with self.engine.begin() as conn:
                operations.import_projects(conn=conn, data=data, source="test")
            for project in data["project"] if retired else ():
                for serials in project.get("serials", []):
                    self.retire(project["id"], serials)

    def retire(self, project_id: str, serials: str, reference: str = "SEEE-TEST") -> None:
        """The operator records the exchange's retirement of SERIALS (`registry retire-blocks`)."""
        with self.engine.begin() as conn:
            credits.retire_blocks(
                conn=conn,
                project_id=project_id,
                serials=serials,
                reference=reference,
                beneficiary="Diandian visitors",
            )

    def token(self, name: str = "test venue") -> str:
        with self.engine.begin() as conn:
            return operations.new_enrol_token(conn=conn, name=name)

    def enrol(self, ledger: Ledger) -> None:
        """What a successful `diandian enroll` leaves at the registry."""
        self.add_kiosk(ledger.kiosk_id, keys.public_text(kiosk_key(ledger)))

    def add_kiosk(self, kiosk_id: str, public_key: str) -> None:
        """Stored as given: a test may store a key the enrolment route would have refused."""
        with self.engine.begin() as conn:
            storage.add_kiosk(conn=conn, kiosk_id=kiosk_id, name=kiosk_id, public_key=public_key)

    def set_key(self, kiosk_id: str, public_key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(kiosks).where(kiosks.c.kiosk_id == kiosk_id).values(public_key=public_key)
            )

    def forget(self, kiosk_id: str) -> None:
        """The registry no longer knows the kiosk (its grants and allocations go with it)."""
        with self.engine.begin() as conn:
            for table in (grants, allocations, kiosks):
                conn.execute(delete(table).where(table.c.kiosk_id == kiosk_id))

    def forget_answers(self) -> None:
        """The registry pruned the answers it keeps for resent batches."""
        with self.engine.begin() as conn:
            conn.execute(delete(batches))

    def received(self) -> int:
        """Outbox events the registry holds: each sale, and each refund of one."""
        with self.engine.connect() as conn:
            sales = conn.execute(select(func.count()).select_from(purchases)).scalar_one()
            voids = conn.execute(
                select(func.count()).where(purchases.c.voided_at.is_not(None))
            ).scalar_one()
        return sales + voids

    def kiosk_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(kiosks.c.kiosk_id)).scalars())

    def sold_orders(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(purchases.c.order_id)).scalars())

    def close(self) -> None:
        self.engine.dispose()

    # -- reaching it --------------------------------------------------------------------------

    def transport(self) -> httpx.BaseTransport:
        return _InProcess(self)

    def client(self, ledger: Ledger, url: str = "http://127.0.0.1:9") -> RegistryClient:
        """The sync job's client for this kiosk, reaching the app in process."""
        return RegistryClient(
            url,
            kiosk_id=ledger.kiosk_id,
            key=kiosk_key(ledger),
            backoff=Backoff(30),
            transport=self.transport(),
        )

    def sync(self, ledger: Ledger, *, pull: bool = True) -> job.Result:
        """One `diandian sync` run of this kiosk, in process."""
        with self.client(ledger) as client:
            return job.run(ledger, client, pull=pull)

    def handle(self, request: httpx.Request) -> httpx.Response:
        method, target, body = request.method, request.url.raw_path.decode(), request.read()
        with self.lock:
            self.requests.append(f"{method} {target}")
        date = {"Date": formatdate(usegmt=True)}  # what the HTTP server adds (the app does not)
        if self.fault is not None and (failure := self.fault(method, target)) is not None:
            return httpx.Response(failure[0], json=failure[1], headers=date)
        if request.url.path in self.answers:
            return httpx.Response(200, json=self.answers[request.url.path], headers=date)
        push = method == "POST" and request.url.path == protocol.PUSH
        if push:
            with self.lock:
                self.pushes.append((request.headers.get(protocol.H_IDEMPOTENCY, ""), body))
        status, headers, content = anyio.run(self._asgi, method, target, request.headers, body)
        if push and self.after_push is not None:
            self.after_push()
        return httpx.Response(status, headers={**headers, **date}, content=content)

    async def _asgi(
        self, method: str, target: str, headers: httpx.Headers, body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://registry") as client:
            response = await client.request(method, target, headers=headers, content=body)
            return response.status_code, dict(response.headers), response.content

    @contextmanager
    def serve(self) -> Iterator[str]:
        """The app behind uvicorn on a free loopback port (for a `diandian` subprocess)."""
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
        thread.start()
        try:
            for _ in range(3000):  # up to a minute on a loaded machine
                if server.started or not thread.is_alive():
                    break
                threading.Event().wait(0.02)
            if not server.started:
                raise RuntimeError("the registry did not start")
            yield f"http://127.0.0.1:{listener.getsockname()[1]}"
        finally:
            server.should_exit = True
            thread.join(30)
            listener.close()


class _InProcess(httpx.BaseTransport):
    def __init__(self, registry: LiveRegistry) -> None:
        self.registry = registry

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.registry.handle(request)
