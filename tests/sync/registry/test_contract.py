"""The OpenAPI document is the registry's contract, held to it by schemathesis.

Every operation gets valid and invalid requests (bodies, parameters, headers, other HTTP
methods) generated from the document; every check runs (as `schemathesis run --checks all`:
no 5xx, every status, content type, header and body as documented, invalid data refused,
valid data not refused with 400/422, 405 for an undocumented method, auth enforced). Signed
operations are signed by a requests auth hook over the exact bytes sent, so they reach the
routes. Bounded for CI: a fixed number of examples per operation, derandomized (the same
cases every run), on each database.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine
from starlette.testclient import TestClient

from sync import protocol
from sync.messages import ID
from sync.registry.app import create_app
from tests.sync.registry.helpers import Kiosk

EXAMPLES = 25  # per operation and mode; about 500 requests per database


class Signed(requests.auth.AuthBase):
    """Sign the request as it will be sent (path with query as encoded, body bytes)."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body or b""
        body = body.encode() if isinstance(body, str) else body
        request.headers.update(
            protocol.sign_request(
                self.kiosk.key, self.kiosk.kiosk_id, request.method, request.path_url, body
            )
        )
        return request


def _an_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 100 and bool(re.fullmatch(ID, value))


# The document is read from the app once; each test points the app at its own database.
# (schemathesis.pytest.from_fixture would do that, but it does not work with pytest 9.)
APP = create_app("sqlite://")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture
def signer(engine: Engine, client: TestClient, kiosk: Kiosk) -> Iterator[Signed]:
    """An enrolled kiosk's signature hook, with APP on this test's database."""
    placeholder = APP.state.engine
    APP.state.engine = engine
    yield Signed(kiosk)
    APP.state.engine = placeholder


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_registry_keeps_its_openapi_contract(case: Any, signer: Signed) -> None:
    if case.path == protocol.PUSH and isinstance(case.body, dict):
        # the one rule the document cannot say: a valid key must equal the body's batch_id
        key, batch_id = (case.headers or {}).get(protocol.H_IDEMPOTENCY), case.body.get("batch_id")
        if _an_id(key) and _an_id(batch_id):
            case.headers[protocol.H_IDEMPOTENCY] = batch_id
    signed = bool(case.operation.definition.raw.get("security"))
    case.call_and_validate(**({"auth": signer} if signed else {}))
