"""A small in-memory registry speaking sync/protocol.py, for the sync job's unit tests.

It checks signatures and nonces with the protocol's own `check_request`, stores each push's
answer under its Idempotency-Key and replays it, and keeps every order once. It runs in
process (an httpx.MockTransport) or on a loopback port (a thread), so unit tests need no
registry process; the end-to-end tests use the real one.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from kiosk.certificate import keys
from sync import protocol

CATALOGUE = {
    "version": "reg-2026.11.26",
    "projects": [
        {
            "id": "reg-forest",
            "name": {"zh": "森林", "en": "Forest", "fr": "Forêt"},
            "type": "forestry",
            "location": {"zh": "四川", "en": "Sichuan", "fr": "Sichuan"},
            "standard": "CCER",
            "vintage": 2024,
            "price_fen_per_t": 9000,
            "description": {"zh": "森林", "en": "A forest", "fr": "Une forêt"},
        }
    ],
}


@dataclass
class FakeRegistry:
    tokens: set[str] = field(default_factory=lambda: {"tok-1", "tok-2", "tok-3"})
    public_keys: dict[str, str] = field(default_factory=dict)
    nonces: set[str] = field(default_factory=set)
    answers: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    orders: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    pushes: list[tuple[str, bytes]] = field(default_factory=list)  # (key, body) as received
    requests: list[str] = field(default_factory=list)
    reject_orders: set[str] = field(default_factory=set)
    catalogue: dict[str, Any] = field(default_factory=lambda: dict(CATALOGUE))
    factors: dict[str, Any] | None = None
    allocations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    fault: Callable[[str, str], tuple[int, dict[str, Any]] | None] | None = None
    after_push: Callable[[], None] | None = None  # e.g. raise to lose the answer in transit
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the protocol -------------------------------------------------------------------------

    def handle(
        self, method: str, target: str, headers: Any, body: bytes
    ) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.requests.append(f"{method} {target}")
            if self.fault is not None and (failure := self.fault(method, target)) is not None:
                return failure
            path = urlsplit(target).path
            if method == "POST" and path == protocol.ENROL:
                return self._enrol(json.loads(body))
            key_text = self.public_keys.get(headers.get(protocol.H_KIOSK, ""))
            public = keys.public_from_text(key_text) if key_text else None
            try:
                kiosk_id, nonce = protocol.check_request(headers, method, target, body, public)
            except protocol.AuthError as exc:
                return 401, {"error": {"code": "auth", "message": str(exc)}}
            if nonce in self.nonces:
                return 401, {"error": {"code": "replay", "message": "nonce already seen"}}
            self.nonces.add(nonce)
            if method == "POST" and path == protocol.PUSH:
                return self._push(kiosk_id, headers.get(protocol.H_IDEMPOTENCY, ""), body)
            return self._pull(kiosk_id, path, parse_qs(urlsplit(target).query))

    def _enrol(self, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if data.get("token") not in self.tokens:
            return 403, {"error": {"code": "token", "message": "unknown or used token"}}
        self.tokens.discard(data["token"])
        self.public_keys[data["kiosk_id"]] = data["public_key"]
        return 200, {"kiosk_id": data["kiosk_id"], "name": data.get("name")}

    def _push(self, kiosk_id: str, key: str, body: bytes) -> tuple[int, dict[str, Any]]:
        self.pushes.append((key, body))
        digest = hashlib.sha256(body).hexdigest()
        if key in self.answers:
            stored_digest, answer = self.answers[key]
            if stored_digest != digest:
                return 409, {"error": {"code": "idempotency_conflict", "message": "key reused"}}
            return 200, answer
        request = json.loads(body)
        results = []
        for record in request["records"]:
            ident = (record["order_id"], record["event"])
            status: dict[str, Any] = {"status": "accepted"}
            if record["order_id"] in self.reject_orders:
                status = {"status": "rejected", "reason": "test says no"}
            elif ident in self.orders:
                status = {"status": "duplicate"}
            else:
                self.orders[ident] = record["payload"] | {"_kiosk": kiosk_id}
            results.append({k: record[k] for k in ("outbox_id", "order_id", "event")} | status)
        answer = {"batch_id": request["batch_id"], "results": results}
        self.answers[key] = (digest, answer)
        if self.after_push is not None:
            self.after_push()
        return 200, answer

    def _pull(
        self, kiosk_id: str, path: str, query: dict[str, list[str]]
    ) -> tuple[int, dict[str, Any]]:
        if path == protocol.CATALOGUE:
            return 200, self.catalogue
        if path == protocol.FACTORS:
            if self.factors is None:
                from kiosk.resources import load_toml

                self.factors = {"version": "f-1", "table": load_toml("factors", "factors.toml")}
            return 200, self.factors
        if path == protocol.ALLOCATIONS:
            return 200, {"kiosk_id": kiosk_id, "allocations": self.allocations.get(kiosk_id, [])}
        if path == protocol.RANKINGS:
            scope = query.get("scope", ["all"])[0]
            return 200, {"scope": scope, "rankings": [{"nickname": "熊猫", "offset_g": 1}]}
        if path == protocol.KEYS:
            items = sorted(self.public_keys.items())
            return 200, {"keys": [{"kiosk_id": k, "public_key": v} for k, v in items]}
        return 404, {"error": {"code": "not_found", "message": path}}

    # -- ways to reach it ---------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        def handler(request: httpx.Request) -> httpx.Response:
            status, data = self.handle(
                request.method, request.url.raw_path.decode(), request.headers, request.content
            )
            return httpx.Response(status, json=data, headers={"Date": formatdate(usegmt=True)})

        return httpx.MockTransport(handler)

    def paid_orders(self) -> dict[str, dict[str, Any]]:
        return {oid: p for (oid, event), p in self.orders.items() if event == "paid"}


class _Handler(BaseHTTPRequestHandler):
    registry: FakeRegistry

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, data = self.registry.handle(self.command, self.path, self.headers, body)
        out = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = _serve

    def log_message(self, *args: object) -> None:
        pass


def serve(registry: FakeRegistry) -> tuple[ThreadingHTTPServer, str]:
    """Serve on a free loopback port in a daemon thread; returns (server, base URL)."""
    handler = type("Handler", (_Handler,), {"registry": registry})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
