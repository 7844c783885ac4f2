"""Rebuild resources/pinyin/pinyin.tsv: for each toneless pinyin syllable, the characters a
touch keyboard offers, most useful first.

Why a built table rather than pypinyin at run time: the kiosk needs only "syllable -> ranked
characters" (about 100 KB), not pypinyin's 40,000-character dictionary and phrase list in
memory, and the ranking work is done once here instead of on every start.

Characters: GB2312 only (6,763 in common use; every receipt-printer font has them). Ranking:
GB2312 level 1 (the 3,755 most common characters) before level 2; within a level, by how many
of pypinyin's phrases contain the character (a frequency proxy), a character's main reading
before its rarer ones. Requires `pip install pypinyin` (MIT; data from pinyin-data and
phrase-pinyin-data, MIT).

    .venv/bin/python tools/build_pinyin.py
"""

from __future__ import annotations

import collections
from pathlib import Path

from pypinyin import Style, pinyin
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

OUT = Path(__file__).resolve().parent.parent / "resources" / "pinyin" / "pinyin.tsv"
LIMIT = 60  # candidates kept per syllable: more than anyone pages through on a kiosk


def gb2312_level(char: str) -> int:
    """1 for level-1 characters, 2 for level-2, 0 for anything outside GB2312's hanzi."""
    try:
        first = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0
    if 0xB0 <= first <= 0xD7:
        return 1
    if 0xD8 <= first <= 0xF7:
        return 2
    return 0


def main() -> None:
    uses: collections.Counter[str] = collections.Counter()
    for phrase in phrases_dict:
        for char in set(phrase):
            uses[char] += 1
    scores: dict[str, dict[str, float]] = collections.defaultdict(dict)
    for code in pinyin_dict:
        char = chr(code)
        level = gb2312_level(char)
        if not level:
            continue
        readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
        for index, reading in enumerate(dict.fromkeys(readings)):
            if not reading.isascii() or not reading.isalpha():
                continue
            # level 1 first, then a character's main reading before its rarer ones
            rank = (2 - level) * 2_000_000 + (1_000_000 if index == 0 else 0) + uses[char]
            scores[reading][char] = max(scores[reading].get(char, 0), rank)
    lines = [
        "# syllable<TAB>characters, most common first (built by tools/build_pinyin.py from "
        "pypinyin 0.55, MIT; GB2312 only)"
    ]
    for syllable in sorted(scores):
        ranked = sorted(scores[syllable].items(), key=lambda item: (-item[1], item[0]))
        lines.append(f"{syllable}\t{''.join(char for char, _ in ranked[:LIMIT])}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 1} syllables to {OUT}")


if __name__ == "__main__":
    main()
