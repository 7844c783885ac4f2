"""The kiosk's HTTP client for the registry: every request signed, retried within a budget.

Why retries live here: a nightly job on a venue's flaky uplink must ride out dropped
connections and a registry restarting behind its load balancer, but must also end by a known
time (the next night's run, the kiosk's own use of the link), so every retry draws on one
time budget shared by the whole run. Each attempt is signed afresh: the registry refuses a
nonce it has seen, and a push resend keeps its body and Idempotency-Key but not its headers.
"""

from __future__ import annotations

import json
import random
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import registry_url
from kiosk.errors import InputError
from sync import protocol
from sync.exit_codes import (
    EXIT_CONFIG,
    EXIT_NOPERM,
    EXIT_PROTOCOL,
    EXIT_SOFTWARE,
    EXIT_UNAVAILABLE,
)
from sync.messages import ErrorResponse


class SyncError(Exception):
    """A sync failure with its exit status; the message is the one line the admin sees."""

    exit_code = EXIT_SOFTWARE


class Unavailable(SyncError):
    exit_code = EXIT_UNAVAILABLE


class Refused(SyncError):
    """A 4xx (or nonsense) answer: `status` and the error's `code`, as the registry sent them."""

    exit_code = EXIT_PROTOCOL

    def __init__(self, message: str, status: int = 0, code: str = "") -> None:
        super().__init__(message)
        self.status, self.code = status, code


class AuthRefused(Refused):
    exit_code = EXIT_NOPERM


class NotConfigured(SyncError):
    exit_code = EXIT_CONFIG


@dataclass
class Backoff:
    """Exponential backoff with full jitter (AWS's recommendation) inside a deadline.

    Full jitter spreads thousands of kiosks that failed together across the whole window
    instead of letting them retry in lock step. `clock`, `sleep` and `rng` are injectable so
    tests run in no time.
    """

    budget_s: float
    base_s: float = 0.5
    cap_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    waited: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.deadline = self.clock() + self.budget_s

    def remaining(self) -> float:
        return max(0.0, self.deadline - self.clock())

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0, min(self.cap_s, self.base_s * 2**attempt))

    def wait(self, attempt: int, reason: str) -> None:
        """Sleep before retry number `attempt` (0-based), or give up if the budget is spent."""
        pause = self.delay(attempt)
        if self.clock() + pause >= self.deadline:
            raise Unavailable(f"{reason} (gave up after the {self.budget_s:g} s time budget)")
        self.waited.append(pause)
        self.sleep(pause)


def check_registry_url(url: str) -> str:
    """The URL as the client uses it (the rule: kiosk.registry_url), or NotConfigured."""
    try:
        return registry_url.check_registry_url(url, "registry URL")
    except InputError as exc:
        raise NotConfigured(str(exc)) from None


def _tls_refused(exc: Exception) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def _error_text(response: httpx.Response) -> str:
    try:
        error = ErrorResponse.model_validate_json(response.content).error
        return f"{error.code}: {error.message}".strip(": ")
    except (ValueError, KeyError, TypeError, AttributeError):
        return response.text[:200].strip() or response.reason_phrase


def _error_code(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["code"])
    except (ValueError, KeyError, TypeError, AttributeError):
        return ""


class RegistryClient:
    """One registry, one kiosk identity, one time budget."""

    def __init__(
        self,
        base_url: str,
        *,
        kiosk_id: str,
        key: Ed25519PrivateKey | None,
        backoff: Backoff,
        timeout_s: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = check_registry_url(base_url)
        self.kiosk_id, self.key, self.backoff, self.timeout_s = kiosk_id, key, backoff, timeout_s
        self.wall_clock = wall_clock
        self.clock_offset_s = 0.0  # registry time minus ours, learnt from a 401's Date header
        self.requests = 0
        self.http = httpx.Client(verify=True, transport=transport, follow_redirects=False)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _learn_offset(self, response: httpx.Response) -> None:
        """A kiosk offline for weeks may have no NTP: if the registry's clock (its Date header)
        is more than a minute from ours, sign by the registry's time from now on."""
        try:
            theirs = parsedate_to_datetime(response.headers["date"]).timestamp()
        except (KeyError, TypeError, ValueError):
            return
        offset = theirs - self.wall_clock()
        if abs(offset) > 60:
            self.clock_offset_s = offset

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        if params:
            path = f"{path}?{httpx.QueryParams(params)}"
        return self.request("GET", path)

    def post(
        self, path: str, body: bytes, *, idempotency_key: str = "", signed: bool = True
    ) -> Any:
        return self.request("POST", path, body, idempotency_key=idempotency_key, signed=signed)

    def request(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        *,
        idempotency_key: str = "",
        signed: bool = True,
    ) -> Any:
        """Send until answered; retry network errors, 5xx, 429 and one 401 (re-signed by the
        registry's clock if ours is off, with a new nonce); raise anything else as Refused
        with its status (the job decides what a 409 means)."""
        url = self.base_url + path
        signed_path = httpx.URL(url).raw_path.decode()
        attempt, auth_retried = 0, False
        while True:
            headers = {"Content-Type": "application/json"} if body else {}
            if idempotency_key:
                headers[protocol.H_IDEMPOTENCY] = idempotency_key
            if signed:
                if self.key is None:
                    raise NotConfigured("this kiosk has no signing key")
                now = self.wall_clock() + self.clock_offset_s
                headers |= protocol.sign_request(
                    self.key, self.kiosk_id, method, signed_path, body, now=now
                )
            limit = min(self.timeout_s, max(self.backoff.remaining(), 0.1))
            self.requests += 1
            try:
                response = self.http.request(
                    method, url, content=body or None, headers=headers, timeout=limit
                )
            except httpx.TransportError as exc:
                if _tls_refused(exc):  # a wrong certificate does not fix itself by retrying
                    raise NotConfigured(
                        f"the TLS certificate of {self.base_url} cannot be verified ({exc}); "
                        "for a private CA set SSL_CERT_FILE to its certificate"
                    ) from None
                reason = f"registry {self.base_url} unreachable: {type(exc).__name__}: {exc}"
                self.backoff.wait(attempt, reason)
                attempt += 1
                continue
            status = response.status_code
            if status >= 500 or status == 429:
                reason = f"registry {self.base_url} answered {status} to {method} {path}: "
                self.backoff.wait(attempt, reason + _error_text(response))
                attempt += 1
                continue
            if status == 401 and signed:
                if not auth_retried:
                    auth_retried = True
                    self._learn_offset(response)
                    continue
                raise AuthRefused(
                    f"the registry refused this kiosk ({self.kiosk_id}): {_error_text(response)};"
                    " is it enrolled (`diandian enroll`) and is its clock right?",
                    status,
                )
            if status == 401:
                raise AuthRefused(f"the registry refused {method} {path}: {_error_text(response)}")
            if status >= 300:
                raise Refused(
                    f"the registry refused {method} {path} ({status}): {_error_text(response)}",
                    status,
                    _error_code(response),
                )
            try:
                return response.json()
            except (json.JSONDecodeError, UnicodeDecodeError):
                raise Refused(f"the registry's answer to {method} {path} is not JSON") from None
