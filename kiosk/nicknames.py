"""Nicknames shown in public pass a block list: an insult on the kiosk's ranking is seen by every
visitor after. The shipped list (resources/nicknames/blocklist.txt, its source and selection in
SOURCES.md) can be changed per venue with nickname-blocklist.txt in the kiosk's data folder.

Latin terms match whole words with case and accents ignored ("Scunthorpe" passes, "FUCK" and
"fück" do not); Chinese terms match anywhere, as Chinese has no spaces between words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from kiosk.errors import InputError
from kiosk.paths import data_dir
from kiosk.resources import resource

LOCAL_FILE = "nickname-blocklist.txt"


def _fold(text: str) -> str:
    """Lower case, accents off, punctuation and separators as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.split(r"[\W_]+", plain)).strip()


def _latin(term: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() for ch in term)


@dataclass(frozen=True, slots=True)
class BlockList:
    words: frozenset[str]  # folded Latin terms (one word or a few): whole-word matches
    fragments: tuple[str, ...]  # everything else (Chinese, symbols): matched anywhere

    def blocks(self, nickname: str) -> bool:
        folded = _fold(nickname)
        spaced = f" {folded} "
        if any(f" {word} " in spaced for word in self.words):
            return True
        squeezed = unicodedata.normalize("NFKC", nickname).casefold()
        return any(fragment in squeezed for fragment in self.fragments)


def parse(lines: Sequence[str], local: Sequence[str] = ()) -> BlockList:
    """The shipped LINES, with a venue's LOCAL lines adding terms (or `!term` removing one)."""
    terms: dict[str, None] = {}
    for line in [*lines, *local]:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("!"):
            terms.pop(text[1:].strip(), None)
        else:
            terms[text] = None
    words = {_fold(t) for t in terms if _fold(t) and _latin(_fold(t))}
    fragments = tuple(  # Chinese, and symbols (卐) that folding would erase
        unicodedata.normalize("NFKC", t).casefold()
        for t in terms
        if not _fold(t) or not _latin(_fold(t))
    )
    return BlockList(frozenset(words), fragments)


@cache
def _shipped() -> list[str]:
    return resource("nicknames", "blocklist.txt").read_text(encoding="utf-8").splitlines()


def blocklist(folder: Path | None = None) -> BlockList:
    """The list in force: the shipped one and the venue's changes (read on each call: a venue
    may edit its file while the kiosk runs)."""
    path = (folder or data_dir()) / LOCAL_FILE
    try:
        local = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError):
        local = []
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("nickname-blocklist", f"{path} cannot be read ({exc})") from None
    return _parsed(tuple(local))


@lru_cache(maxsize=16)
def _parsed(local: tuple[str, ...]) -> BlockList:
    """The list for these local lines, parsed once: folding every term costs ~15 ms, paid
    before by every ranking shown (the registry's phone flow shows one per sale). Keyed by the
    file's content, so an edit still counts on the next call."""
    return parse(_shipped(), local)


def public_name(nickname: str, blocked: BlockList | None = None) -> str:
    """NICKNAME as the public may see it: "" (anonymous) when the block list catches it."""
    if not nickname:
        return ""
    return "" if (blocked or blocklist()).blocks(nickname) else nickname
