"""Rendered certificate pages, remembered per process and reused only while still true.

A page is a pure function of its token and of the rows `lookup.gather` reads in one statement
(the purchase with its void and legacy retirement, its credit ranges, the token's kiosk's key,
the project). So the rule for when a cached page is stale is one rule in one place: it is
reused only if the same statement, run in this request's own read transaction, returns the
same rows. Whatever changes what the page says (a void or refund, ranges drawn for a pending
sale, the sale arriving, a kiosk enrolled or its key changed, the project renamed) changes
those rows, whichever writer made the change and in whichever process: nothing has to
remember to invalidate, and several server processes on one database stay correct without
sharing memory. What is saved is the token's signature check, the interpretation and the
rendering; the statement itself is the cheap part (issue 19).

The ETag is a digest of the page's bytes: a phone sending it back in If-None-Match gets a 304
while the page is unchanged. Every page can still change (a refund can come at any time), so
phones are told to revalidate each time (`Cache-Control: no-cache`), never to keep it blindly.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from sync.registry import pages
from sync.registry.lookup import gather, interpret

PAGES = 2048  # pages kept per process: about 5 KB each, 10 MB at most
CACHE_CONTROL = "no-cache"  # keep a copy, but ask (If-None-Match) before showing it again


@dataclass(frozen=True)
class Page:
    body: bytes  # the HTML, UTF-8
    status: int  # 200, or 404 for a certificate neither received nor named by a token
    etag: str  # quoted, as the header carries it
    version: tuple[Any, ...]  # lookup.Gathered.version: what it was made of


class PageCache:
    """A bounded LRU of rendered pages keyed by certificate id and token (the token decides
    the signature line and the facts shown; the page has no language variant: it is
    Chinese and English side by side)."""

    def __init__(self, size: int = PAGES) -> None:
        self._size = size
        self._pages: OrderedDict[tuple[str, str | None], Page] = OrderedDict()
        self._lock = threading.Lock()

    def page(self, *, conn: Connection, cert_id: str, token: str | None) -> Page:
        """The page as of `conn`'s snapshot: the cached one if made of the same rows."""
        read = gather(conn=conn, cert_id=cert_id, token=token)
        key = (read.cert_id, token)
        with self._lock:
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
        if hit is not None and hit.version == read.version:
            return hit
        found = interpret(read)
        body = pages.render(found).encode()
        status = 404 if found.facts is None and found.signature == "absent" else 200
        etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        made = Page(body, status, etag, read.version)
        with self._lock:
            self._pages[key] = made
            self._pages.move_to_end(key)
            while len(self._pages) > self._size:
                self._pages.popitem(last=False)
        return made

    def __len__(self) -> int:
        return len(self._pages)


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """True when the client's If-None-Match names `etag` (weak or strong, or `*`)."""
    if not if_none_match:
        return False
    tags = [tag.strip() for tag in if_none_match.split(",")]
    return any(tag == "*" or tag.removeprefix("W/") == etag for tag in tags)
