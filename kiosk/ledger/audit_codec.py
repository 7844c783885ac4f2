"""How a whole content is stored: compact, and read back byte for byte (issue 19). Audit rows
and the outbox's order payloads, one rule for both.

An order's first audit row is its whole content, about 1.1 KB of canonical JSON with the same
keys, answers and lines of the same shapes every time. Since migration 0020 such a row is
stored as a BLOB: a version byte, then raw DEFLATE against a preset dictionary of such rows
(audit_dictionary.py), about 160 bytes. The row's hash is still over the canonical text, so
`ledger verify` decodes the row and checks it exactly as before: an edit of the stored bytes
either fails to decode or changes the text (and so the hash); an edit of the order row still
names its column, against the content decoded here. Rows stored as text (every row before
0020, change rows, kinds audited whole) are read as they are.

Since migration 0021 an order's outbox payload (its canonical JSON as pushed, 1.5 KB) is stored
the same way against a dictionary of paid orders' payloads (payload_dictionary.py, version 2),
about 200 bytes; the push decodes it to the same text, so the bytes pushed and signed do not
change. Payloads stored before 0021, and closed days' summaries, stay text.

A dictionary never changes once shipped (the rows written with it need it to be read): a
better one gets the next version byte here, beside the old ones.
"""

from __future__ import annotations

import sqlite3
import zlib
from functools import cache

from kiosk.ledger.audit_dictionary import V1
from kiosk.ledger.payload_dictionary import V2

_DICTIONARIES = {1: V1, 2: V2}
ROW = 1  # the version an audit row's whole content is written with
PAYLOAD = 2  # the version an order's outbox payload is written with
_LEVEL = 3  # 0.02 ms a row on the sale path; level 9 saves 10-20 more bytes for twice the time


@cache
def _primed(version: int) -> zlib._Compress:
    """Priming a compressor with a dictionary costs more than compressing a row: done once a
    version, then copied for each row (the copy holds the same state, so the same output)."""
    dictionary = _DICTIONARIES[version]
    return zlib.compressobj(_LEVEL, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, dictionary)


def encode(text: str, version: int = ROW) -> str | bytes:
    """What to store for a whole content's canonical TEXT: the compact BLOB (written with
    VERSION's dictionary) when shorter."""
    data = text.encode()
    packer = _primed(version).copy()
    packed = bytes((version,)) + packer.compress(data) + packer.flush()
    return packed if len(packed) < len(data) else text


def decode(stored: str | bytes) -> str:
    """The canonical text a stored content holds; ValueError when the bytes are not a content
    this code wrote (an unknown version, a damaged or edited stream)."""
    if isinstance(stored, str):
        return stored
    dictionary = _DICTIONARIES.get(stored[0]) if stored else None
    if dictionary is None:
        raise ValueError("stored in an unknown encoding")
    unpacker = zlib.decompressobj(-15, zdict=dictionary)
    try:
        text = unpacker.decompress(stored[1:]) + unpacker.flush()
        if not unpacker.eof or unpacker.unused_data:
            raise ValueError("its stored bytes do not end where they should")
        return text.decode()
    except (zlib.error, UnicodeDecodeError) as exc:
        raise ValueError(f"its stored bytes cannot be read: {exc}") from None


def text_or_none(stored: object) -> str | None:
    """`decode` for SQL (`ledger_text(column)`, see `readable`): None for what cannot be read,
    so a damaged row leaves a query's other rows readable."""
    if not isinstance(stored, str | bytes):
        return None
    try:
        return decode(stored)
    except ValueError:
        return None


def readable(conn: sqlite3.Connection) -> None:
    """Give CONN `ledger_text(x)`: a stored content's text, for SQLite's JSON functions, which
    cannot read the compact BLOBs."""
    conn.create_function("ledger_text", 1, text_or_none, deterministic=True)
