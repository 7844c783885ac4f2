"""The simulated phones' HTTP clients: one small interface, two clients behind it.

Why two (bench/bench_phone.py, BENCHMARKS.md "Phone flow"): the bench's 50 phones share one
client process, and with httpx the bench measured its own load generator. httpx is pure
Python (h11, its cookie jar, its transports): `bench/bench_client_cpu.py` (50 phones, the
bare FastAPI page, 2026-12-06) measured 0.78-0.83 ms of the client's CPU a request, the
client at 91-100 % of a core while the bare server used 26-30 %, so a page's p99 was mostly
the client's own event loop queueing. aiohttp (HTTP parsed in C) costs 0.11-0.12 ms a
request, 7x less, and the same server then runs at 98-100 %. The bench's phones are
aiohttp's now (`AiohttpPhone`). `HttpxPhone` stays for `bench_phone.py --client httpx` (the
old client, to compare) and for bench/profile_phone.py, which drives the app in process
through httpx's ASGI transport.

Every phone sends one request at a time on one keep-alive connection, keeps its own cookies,
follows no redirect (the bench checks each 303 and its Location itself), and its answer is
read whole before the clock stops.
"""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple, Protocol

import aiohttp
import httpx

# What a failed request raises, whichever the client: counted as the session's error.
FAILURES: tuple[type[BaseException], ...] = (
    RuntimeError,
    httpx.HTTPError,
    aiohttp.ClientError,
    asyncio.TimeoutError,
)


class Answer(NamedTuple):
    status: int
    location: str | None
    text: str


class Phone(Protocol):
    async def request(self, method: str, url: str, data: Any = None) -> Answer:
        """Send one request (a form when `data`), read the whole answer."""

    def new_visitor(self) -> None:
        """Forget the cookies: the next session is another visitor's."""

    async def close(self) -> None: ...


def source_address(index: int) -> str:
    """Phone `index`'s own loopback address (127.0.0.2, .3, ...): the registry's per-address
    order limit then counts each phone apart, as on a venue's mobile network."""
    return f"127.0.{index // 250}.{index % 250 + 2}"


class AiohttpPhone:
    """A phone on aiohttp: its own session, connector (one keep-alive connection from its
    own source address) and cookie jar. The jar is `unsafe` because aiohttp's default jar
    keeps no cookie from a host named by an IP address, and the registry is 127.0.0.1."""

    def __init__(self, base: str, index: int) -> None:
        self.session = aiohttp.ClientSession(
            base_url=base,
            connector=aiohttp.TCPConnector(local_addr=(source_address(index), 0)),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            timeout=aiohttp.ClientTimeout(total=60),
        )

    async def request(self, method: str, url: str, data: Any = None) -> Answer:
        async with self.session.request(method, url, data=data, allow_redirects=False) as got:
            body = await got.read()
            return Answer(got.status, got.headers.get("Location"), body.decode("utf-8", "replace"))

    def new_visitor(self) -> None:
        self.session.cookie_jar.clear()

    async def close(self) -> None:
        await self.session.close()


class HttpxPhone:
    """A phone on an httpx.AsyncClient (the bench's client until 2026-12-06): over the
    network from its own source address, or in process through an ASGI transport."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    @classmethod
    def over_network(cls, base: str, index: int) -> HttpxPhone:
        transport = httpx.AsyncHTTPTransport(local_address=source_address(index))
        return cls(httpx.AsyncClient(base_url=base, transport=transport, timeout=60))

    async def request(self, method: str, url: str, data: Any = None) -> Answer:
        got = await self.client.request(method, url, data=data)
        return Answer(got.status_code, got.headers.get("location"), got.text)

    def new_visitor(self) -> None:
        self.client.cookies.clear()

    async def close(self) -> None:
        await self.client.aclose()


CLIENTS = {"aiohttp": AiohttpPhone, "httpx": HttpxPhone.over_network}
