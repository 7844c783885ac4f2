"""A test kiosk: an Ed25519 key, signed requests, order payloads shaped as the outbox holds them."""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine

from kiosk.certificate import keys, payload
from kiosk.credit import GrantRun, draw, ranges_json
from sync import protocol
from sync.registry import operations

PROJECT = "demo-longquan-forest"


@dataclass
class Kiosk:
    kiosk_id: str
    key: Ed25519PrivateKey
    venue: str = "chengdu-expo"
    next_serial: int = 1
    next_outbox: int = 1
    paid: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    runs: dict[str, list[GrantRun]] = field(default_factory=dict)  # retired serials granted
    drawn: dict[str, int] = field(default_factory=dict)  # how far each project is drawn

    @classmethod
    def new(cls, venue: str = "chengdu-expo") -> Kiosk:
        kiosk_id = "K" + secrets.token_hex(5).upper()[:9]
        return cls(kiosk_id, Ed25519PrivateKey.generate(), venue)

    @property
    def public(self) -> str:
        return keys.public_text(self.key)

    def enrol(self, client: Any, engine: Engine, *, pull: bool = True) -> None:
        """Enrol, and (as a kiosk's first sync does) pull its allocations."""
        with engine.begin() as conn:
            token = operations.new_enrol_token(conn=conn, name="test venue")
        body = {"token": token, "kiosk_id": self.kiosk_id, "public_key": self.public, "name": "t"}
        response = client.post(protocol.ENROL, json=body)
        assert response.status_code == 200, response.text
        if pull:
            self.pull(client)

    def pull(self, client: Any) -> list[dict[str, Any]]:
        """The allocations pull: the retired serials granted, kept in order to draw from."""
        response = self.get(client, protocol.ALLOCATIONS)
        assert response.status_code == 200, response.text
        allocations = response.json()["allocations"]
        for item in allocations:
            runs, start = [], 0
            for g in item["grants"]:
                run = GrantRun(
                    g["prefix"],
                    g["first"],
                    g["last"],
                    g["width"],
                    start,
                    g["reference"],
                    g["beneficiary"],
                )
                runs.append(run)
                start = run.end_g
            self.runs[item["project_id"]] = runs
        return allocations

    def headers(self, method: str, path: str, body: bytes = b"", **extra: str) -> dict[str, str]:
        signed = protocol.sign_request(self.key, self.kiosk_id, method, path, body)
        return {**signed, "Content-Type": "application/json", **extra}

    def get(self, client: Any, path: str) -> Any:
        return client.get(path, headers=self.headers("GET", path))

    def post(self, client: Any, path: str, value: Any, **extra: str) -> Any:
        body = value if isinstance(value, bytes) else protocol.canonical(value)
        return client.post(path, content=body, headers=self.headers("POST", path, body, **extra))

    def draw(self, project: str, grams: int) -> str:
        """The next `grams` of the project's granted serials, as a paid order's ranges."""
        runs = self.runs.get(project)
        if not runs:
            return "[]"
        start = self.drawn.get(project, 0)
        ranges = draw(runs, start, grams)
        self.drawn[project] = start + grams
        return ranges_json(ranges)

    def order(self, offset_g: int = 12_345, project: str = PROJECT, **changes: Any) -> dict:
        """A paid order as Order.as_dict() gives it, its grams drawn from the kiosk's grants
        (none granted: no range, as an order sold before retire-first)."""
        serial = self.next_serial
        self.next_serial += 1
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        order = {
            "id": str(uuid.uuid4()),
            "seq": serial,
            "code": f"C{serial:05d}",
            "kiosk_id": self.kiosk_id,
            "venue": self.venue,
            "scenario": "meal",
            "answers": json.dumps({"meat_meals": 1}),
            "lines": "[]",
            "footprint_g": offset_g,
            "factors_version": "2026.11.1",
            "project_id": project,
            "offset_g": offset_g,
            "price_fen_per_t": 8000,
            "amount_fen": 100,
            "nickname": "panda",
            "lang": "zh",
            "status": "paid",
            "created_at": now,
            "updated_at": now,
            "expires_at": None,
            "paid_at": now,
            "payment_method": "cash",
            "cashier": "amy",
            "serial": serial,
            "voided_at": None,
            "void_reason": None,
        }
        if "credit_ranges" not in changes:
            order["credit_ranges"] = self.draw(project, offset_g)
        order.update(changes)
        self.paid[order["id"]] = order
        return order

    def record(self, order: dict[str, Any], event: str = "paid") -> dict[str, Any]:
        outbox_id = self.next_outbox
        self.next_outbox += 1
        return {"outbox_id": outbox_id, "order_id": order["id"], "event": event, "payload": order}

    def void(self, order: dict[str, Any], reason: str = "refund") -> dict[str, Any]:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        voided = {**order, "status": "voided", "voided_at": now, "void_reason": reason}
        return self.record(voided, "voided")

    def push(self, client: Any, records: list[dict], batch_id: str | None = None) -> Any:
        batch_id = batch_id or str(uuid.uuid4())
        body = {"batch_id": batch_id, "records": records}
        return self.post(client, protocol.PUSH, body, **{protocol.H_IDEMPOTENCY: batch_id})

    def cert_path(self, order: dict[str, Any]) -> str:
        """The QR's path, /C/<cert_id>/<token>, signed as the kiosk signs it."""
        cert = payload.Certificate(
            kiosk_id=self.kiosk_id,
            serial=order["serial"],
            issued=datetime.fromisoformat(order["paid_at"].replace("Z", "+00:00")).replace(
                microsecond=0
            ),
            footprint_g=order["footprint_g"],
            offset_g=order["offset_g"],
            project_id=order["project_id"],
            factors_version=order["factors_version"],
        )
        url = payload.url(cert, payload.sign(cert, self.key), "https://x")
        return url[len("HTTPS://X") :]
