"""Pinyin input for the touch keyboard: letters typed so far in, candidate characters out.

The table (resources/pinyin/pinyin.tsv, built by tools/build_pinyin.py) maps each toneless
syllable to its GB2312 characters, most common first. Typing runs on ("xiaoming"): the first
syllable is the longest prefix that is a syllable, and choosing a character consumes it, so a
name can be entered one character at a time, as on a phone's basic pinyin keyboard. A prefix
that is not yet a whole syllable ("zh", "xia") offers the characters of every syllable it starts.
Letters making several syllables also offer whole words first ("xiaoming": 小明 among them),
each syllable's commonest character with the last syllable's few commonest, so a two-character
name is one tap; choosing one consumes as many syllables as it has characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from kiosk.resources import resource

MAX_SYLLABLE = 6  # "zhuang", "shuang"


@cache
def table() -> Mapping[str, str]:
    """syllable -> characters, most common first (read once per process, about 30 KB)."""
    text = resource("pinyin", "pinyin.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t", 1) for line in text.splitlines() if line and line[0] != "#")
    return MappingProxyType({syllable: chars for syllable, chars in rows})


def split_first(letters: str) -> tuple[str, str]:
    """(first syllable, rest): the longest leading syllable, or all of it if none is whole."""
    letters = letters.lower().replace("ü", "v")
    syllables = table()
    for size in range(min(MAX_SYLLABLE, len(letters)), 0, -1):
        if letters[:size] in syllables:
            return letters[:size], letters[size:]
    return letters, ""


def candidates(letters: str, limit: int = 40) -> list[str]:
    """Characters for the first syllable of `letters`; a partial syllable gets every syllable
    it starts, interleaved so that each one's most common characters come first."""
    head, _ = split_first(letters)
    if not head:
        return []
    syllables = table()
    if head in syllables:
        return list(syllables[head][:limit])
    starts = [chars for syllable, chars in syllables.items() if syllable.startswith(head)]
    found: list[str] = []
    for rank in range(max((len(chars) for chars in starts), default=0)):
        for chars in starts:
            if rank < len(chars) and chars[rank] not in found:
                found.append(chars[rank])
                if len(found) >= limit:
                    return found
    return found


WORDS = 6  # whole-word candidates offered before the single characters


def syllables(letters: str) -> list[str]:
    """LETTERS cut into syllables, longest first; the last may be a partial one ("xiaom")."""
    found, rest = [], letters
    while rest:
        head, rest = split_first(rest)
        found.append(head)
    return found


def words(letters: str, limit: int = WORDS) -> list[str]:
    """Whole words for letters of two syllables or more: the commonest character of each but the
    last, then each of the last one's commonest (小名, 小明, 小命... for "xiaoming")."""
    parts = syllables(letters)
    if len(parts) < 2:
        return []
    heads = [candidates(part, 1) for part in parts[:-1]]
    if not all(heads):
        return []
    stem = "".join(head[0] for head in heads)
    return [stem + char for char in candidates(parts[-1], limit)]


def consume(letters: str, count: int = 1) -> str:
    """What is left to type after a choice of COUNT characters (one per syllable)."""
    for _ in range(count):
        letters = split_first(letters)[1]
    return letters
