"""The real registry app in process, for the sync job's synchronous RegistryClient: each
request goes through httpx.ASGITransport on a short-lived event loop, against a SQLite file."""

from __future__ import annotations

from pathlib import Path

import anyio
import httpx

from kiosk.certificate import keys
from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from sync import job, protocol
from sync.client import Backoff, RegistryClient
from sync.registry import migrations, operations
from sync.registry.app import create_app
from sync.registry.db import make_engine

URL = "http://127.0.0.1:8700"  # never dialled: the transport hands requests to the app


class SyncASGITransport(httpx.BaseTransport):
    def __init__(self, app: object) -> None:
        self.inner = httpx.ASGITransport(app=app)  # type: ignore[arg-type]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def send() -> httpx.Response:
            forwarded = httpx.Request(
                request.method, request.url, headers=request.headers, content=body
            )
            response = await self.inner.handle_async_request(forwarded)
            content = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=content)

        return anyio.run(send)


class InProcessRegistry:
    """A registry database at `path`, its app, and kiosks enrolled as `diandian enroll` does."""

    def __init__(self, path: Path, *, headroom_g: int) -> None:
        self.engine = make_engine(f"sqlite:///{path}")
        migrations.upgrade(self.engine)
        self.transport = SyncASGITransport(create_app(self.engine, headroom_g=headroom_g))

    def client(self, ledger: Ledger) -> RegistryClient:
        return RegistryClient(
            URL,
            kiosk_id=ledger.kiosk_id,
            key=kiosk_key(ledger),
            backoff=Backoff(5),
            transport=self.transport,
        )

    def enrol(self, ledger: Ledger, name: str = "kiosk") -> None:
        with self.engine.begin() as conn:
            token = operations.new_enrol_token(conn=conn, name=name)
        public = keys.public_text(kiosk_key(ledger))
        body = {"token": token, "kiosk_id": ledger.kiosk_id, "public_key": public, "name": name}
        with self.client(ledger) as client:
            client.post(protocol.ENROL, protocol.canonical(body), signed=False)
        syncstate.set_settings(
            ledger, {"registry_url": URL, "enrolled_kiosk": ledger.kiosk_id, "enrolled_at": "t"}
        )

    def sync(self, ledger: Ledger, *, pull: bool = True) -> job.Result:
        with self.client(ledger) as client:
            return job.run(ledger, client, pull=pull)

    def close(self) -> None:
        self.engine.dispose()
