"""Payment providers for the phone flow, shaped like the real mobile ones (WeChat Pay's
APIv3 and Alipay's wap.pay; /work/shared/payments-and-invoices-notes.md has the facts).

A provider is told to `create` a payment (our order id as out_trade_no, the amount in fen,
a description, the notify URL, the return URL, the expiry) and answers where to send the
visitor's browser. The provider then POSTs a signed asynchronous notification to
`/pay/notify/{name}`: `verify_notice` checks its signature and freshness over the raw body
and returns what it says (order, transaction, amount); the registry checks the amount against
the order and applies the payment exactly once (sync.registry.phone.orders.apply_payment),
then answers as the provider expects (`notice_answer`: WeChat wants 204 with no body, Alipay
the text `success`). When the visitor comes back before the notification, the registry
`query`s the provider; an order past its 15-minute hold is `close`d at the provider too.

Plugging in a real provider (WeChat Pay H5, say): a class with these methods, whose `create`
calls `POST /v3/pay/transactions/h5` with `time_expire` set to the order's expiry and
returns the `h5_url`; whose `verify_notice` checks `Wechatpay-Signature` (SHA256withRSA over
`timestamp\\nnonce\\nbody\\n` with the platform key) and decrypts the AES-256-GCM resource;
whose `query` and `close` call the out-trade-no endpoints; registered in `providers()` when
its merchant settings are present. `form_origins` names the provider's page host, which the
pages' Content-Security-Policy then allows forms to be sent to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PaymentRequest:
    order_id: str  # our order id: the provider's out_trade_no
    amount_fen: int
    description: str  # shown on the payer's bill (at most 127 characters)
    notify_url: str  # where the provider POSTs its notification
    return_url: str  # where the visitor's browser comes back to
    expires_at: datetime  # the provider must refuse payment after this


@dataclass(frozen=True, slots=True)
class Notice:
    """A notification whose signature checked out: what it says, not yet trusted as fact
    about our order (its amount is checked against the order)."""

    notice_id: str
    order_id: str
    transaction_id: str
    amount_fen: int


@dataclass(frozen=True, slots=True)
class Status:
    """What the provider says of a payment when asked: "paid", "open" or "closed"."""

    state: str
    transaction_id: str = ""
    amount_fen: int = 0


class NoticeRefused(Exception):
    """A notification that must not be believed (bad signature, stale, malformed)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


class PaymentProvider(Protocol):
    name: str
    form_origins: tuple[str, ...]  # where its page lives (for the pages' form-action)

    def create(self, request: PaymentRequest) -> str:
        """Make the payment; the URL to send the visitor to."""
        ...

    def verify_notice(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Notice:
        """Check a notification; NoticeRefused when it is not genuine and fresh."""
        ...

    def notice_answer(self, ok: bool) -> tuple[int, bytes, str]:
        """(status, body, media type) the provider expects: success stops its retries."""
        ...

    def query(self, order_id: str) -> Status: ...

    def close(self, order_id: str) -> None: ...
