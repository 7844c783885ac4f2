"""The simulated payment provider: enabled only in demo mode (`registry init --demo`).

It behaves as a real mobile provider does, within this registry: `create` books the payment
in its own table (`sim_payments`) and sends the visitor to its page under `/pay/sim/...`
(Pay and Cancel buttons); paying marks its book and sends a signed notification to
`/pay/notify/simulated`, in WeChat Pay's shape (an id, `out_trade_no`, `transaction_id`,
`trade_state`, `amount.total` in fen) signed over `timestamp\\nnonce\\nbody\\n` as WeChat
signs, with HMAC-SHA256 under a key in the registry's settings (`sim_key`) instead of RSA.
It refuses payment after the order's expiry, as `time_expire` makes a real one do.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, Engine, Row

from kiosk.timestamps import parse_stamp, stamp
from sync.registry import phone_storage
from sync.registry.db import reading, writing
from sync.registry.payments import Notice, NoticeRefused, PaymentRequest, Status

NAME = "simulated"
KEY_SETTING = "sim_key"
H_TIME, H_NONCE, H_SIGNATURE = "Sim-Timestamp", "Sim-Nonce", "Sim-Signature"
FRESH_S = 300  # a notification older (or newer) than this is refused: a replay
PAGE = "/pay/sim/"
NOTPAY, SUCCESS, CLOSED = "NOTPAY", "SUCCESS", "CLOSED"


def signed_text(timestamp: str, nonce: str, body: bytes) -> bytes:
    return f"{timestamp}\n{nonce}\n".encode() + body + b"\n"


class SimulatedProvider:
    name = NAME
    form_origins: tuple[str, ...] = ()  # its page is on this site

    def __init__(self, engine: Engine, key: bytes) -> None:
        self.engine, self.key = engine, key

    # -- what the registry asks of it (the PaymentProvider interface) ------------------------

    def create(self, request: PaymentRequest) -> str:
        with writing(self.engine) as conn:
            return self.create_in(conn, request)

    def create_in(self, conn: Connection, request: PaymentRequest) -> str:
        """`create` inside the caller's transaction: its book is in the registry's own
        database, so the order that asks for it books it in the same commit (one commit
        fewer a session; a real provider's `create` is a call to its server instead)."""
        phone_storage.add_sim_payment(  # a second create for one order keeps the first
            conn=conn,
            values={
                "payment_id": "SIM" + secrets.token_hex(12).upper(),
                "order_id": request.order_id,
                "amount_fen": request.amount_fen,
                "description": request.description[:127],
                "notify_url": request.notify_url[:255],
                "return_url": request.return_url[:255],
                "expires_at": stamp(request.expires_at),
                "state": NOTPAY,
            },
        )
        row = phone_storage.get_sim_payment(conn=conn, order_id=request.order_id)
        assert row is not None
        return PAGE + row.payment_id

    def verify_notice(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Notice:
        lower = {k.lower(): v for k, v in headers.items()}
        timestamp = lower.get(H_TIME.lower(), "")
        nonce = lower.get(H_NONCE.lower(), "")
        signature = lower.get(H_SIGNATURE.lower(), "")
        if not timestamp.isdigit() or len(timestamp) > 12 or not 8 <= len(nonce) <= 64:
            raise NoticeRefused(401, "missing or malformed signature headers")
        try:
            given = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            raise NoticeRefused(401, "the signature is not Base64") from None
        expected = hmac.new(self.key, signed_text(timestamp, nonce, body), hashlib.sha256)
        if not hmac.compare_digest(given, expected.digest()):
            raise NoticeRefused(401, "bad signature")
        if abs(now.timestamp() - int(timestamp)) > FRESH_S:
            raise NoticeRefused(401, "stale notification (timestamp more than 5 minutes off)")
        try:
            data = json.loads(body)
            amount = data["amount"]["total"]
            fields = (data["id"], data["out_trade_no"], data["transaction_id"])
        except (ValueError, KeyError, TypeError):
            raise NoticeRefused(400, "malformed notification") from None
        if not all(isinstance(f, str) and 0 < len(f) <= 64 for f in fields):
            raise NoticeRefused(400, "malformed notification")
        if type(amount) is not int or amount <= 0 or data.get("trade_state") != "SUCCESS":
            raise NoticeRefused(400, "not a successful payment of a whole number of fen")
        return Notice(notice_id=fields[0], order_id=fields[1], transaction_id=fields[2],
                      amount_fen=amount)  # fmt: skip

    def notice_answer(self, ok: bool) -> tuple[int, bytes, str]:
        if ok:
            return 204, b"", "text/plain"
        return 400, json.dumps({"code": "FAIL", "message": "失败"}).encode(), "application/json"

    def query(self, order_id: str) -> Status:
        with reading(self.engine) as conn:
            row = phone_storage.get_sim_payment(conn=conn, order_id=order_id, lock=False)
        if row is None:
            return Status("closed")
        if row.state == SUCCESS:
            return Status("paid", row.transaction_id or "", int(row.amount_fen))
        return Status("closed" if row.state == CLOSED else "open")

    def close(self, order_id: str) -> None:
        with writing(self.engine) as conn:
            row = phone_storage.get_sim_payment(conn=conn, order_id=order_id)
            if row is not None:
                phone_storage.set_sim_state(
                    conn=conn, payment_id=row.payment_id, state=CLOSED, only_if=NOTPAY
                )

    # -- its own page's buttons ---------------------------------------------------------------

    def payment(self, conn: Connection, payment_id: str) -> Row | None:
        """For its page, in the caller's read transaction (never queued behind writers)."""
        return phone_storage.get_sim_payment(conn=conn, payment_id=payment_id[:40], lock=False)

    def button_token(self, payment_id: str) -> str:
        """What its page's forms carry, so only its own page can press its buttons."""
        mac = hmac.new(self.key, f"button:{payment_id}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def press(self, conn: Connection, payment_id: str, action: str, now: datetime) -> Row | None:
        """Pay or Cancel, in the caller's write transaction; the payment as it stands after
        (paying twice pays once; paying past the expiry closes it instead)."""
        row = phone_storage.get_sim_payment(conn=conn, payment_id=payment_id[:40])
        if row is None:
            return None
        if row.state == NOTPAY and (action == "cancel" or parse_stamp(row.expires_at) <= now):
            phone_storage.set_sim_state(
                conn=conn, payment_id=row.payment_id, state=CLOSED, only_if=NOTPAY
            )
        elif row.state == NOTPAY and action == "pay":
            phone_storage.set_sim_state(
                conn=conn,
                payment_id=row.payment_id,
                state=SUCCESS,
                only_if=NOTPAY,
                transaction_id="T" + secrets.token_hex(14).upper(),
                paid_at=stamp(now),
            )
        return phone_storage.get_sim_payment(conn=conn, payment_id=row.payment_id)

    def notification(self, row: Row, now: datetime) -> tuple[dict[str, str], bytes]:
        """The signed notification of a paid payment: headers and raw body."""
        body = json.dumps(
            {
                "id": "N" + secrets.token_hex(12).upper(),
                "event_type": "TRANSACTION.SUCCESS",
                "out_trade_no": row.order_id,
                "transaction_id": row.transaction_id,
                "trade_state": "SUCCESS",
                "success_time": row.paid_at,
                "amount": {"total": int(row.amount_fen), "currency": "CNY"},
            },
            separators=(",", ":"),
        ).encode()
        return self.sign(body, now), body

    def sign(self, body: bytes, now: datetime) -> dict[str, str]:
        timestamp, nonce = str(int(now.timestamp())), secrets.token_hex(16)
        mac = hmac.new(self.key, signed_text(timestamp, nonce, body), hashlib.sha256).digest()
        return {
            H_TIME: timestamp,
            H_NONCE: nonce,
            H_SIGNATURE: base64.b64encode(mac).decode(),
            "Content-Type": "application/json",
        }
