"""How an audit row's whole content is stored: compact, and read back byte for byte (issue 19).

An order's first audit row is its whole content, about 1.1 KB of canonical JSON with the same
keys, answers and lines of the same shapes every time. Since migration 0020 such a row is
stored as a BLOB: a version byte, then raw DEFLATE against a preset dictionary of such rows
(audit_dictionary.py), about 160 bytes. The row's hash is still over the canonical text, so
`ledger verify` decodes the row and checks it exactly as before: an edit of the stored bytes
either fails to decode or changes the text (and so the hash); an edit of the order row still
names its column, against the content decoded here. Rows stored as text (every row before
0020, change rows, kinds audited whole) are read as they are.

A dictionary never changes once shipped (the rows written with it need it to be read): a
better one gets the next version byte here, beside the old ones.
"""

from __future__ import annotations

import zlib

from kiosk.ledger.audit_dictionary import V1

_DICTIONARIES = {1: V1}
_WRITE = 1  # the version new rows are written with
_LEVEL = 3  # 0.02 ms a row on the sale path; level 9 saves 10 more bytes for twice the time
# Priming a compressor with the dictionary costs more than compressing a row: done once, then
# copied for each row (the copy holds the same state, so the output is the same).
_PRIMED = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY, V1)


def encode(text: str) -> str | bytes:
    """What to store for a whole content's canonical TEXT: the compact BLOB when shorter."""
    data = text.encode()
    packer = _PRIMED.copy()
    packed = bytes((_WRITE,)) + packer.compress(data) + packer.flush()
    return packed if len(packed) < len(data) else text


def decode(stored: str | bytes) -> str:
    """The canonical text a stored state holds; ValueError when the bytes are not a row this
    code wrote (an unknown version, a damaged or edited stream)."""
    if isinstance(stored, str):
        return stored
    dictionary = _DICTIONARIES.get(stored[0]) if stored else None
    if dictionary is None:
        raise ValueError("an audit row stored in an unknown encoding")
    unpacker = zlib.decompressobj(-15, zdict=dictionary)
    try:
        text = unpacker.decompress(stored[1:]) + unpacker.flush()
        if not unpacker.eof or unpacker.unused_data:
            raise ValueError("an audit row's stored bytes do not end where they should")
        return text.decode()
    except (zlib.error, UnicodeDecodeError) as exc:
        raise ValueError(f"an audit row's stored bytes cannot be read: {exc}") from None
