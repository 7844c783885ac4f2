"""The web pages' words in Chinese, English and French: one table, `strings.toml`.

Why a table and not gettext: the pages have a few hundred strings, the kiosk's core already
words its data this way (zh/en/fr fields, kiosk.certificate.claims.LABELS), and a plain
table is checked by a test in one line each (every language present, Chinese translated).
Values are `str.format` templates: `t("pay.button", amount="¥1.00")`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from kiosk import formats

LANGS = ("zh", "en", "fr")
DEFAULT = "zh"  # the pages start in Chinese
HTML_LANG = {"zh": "zh-CN", "en": "en", "fr": "fr"}
NAMES = {"zh": "中文", "en": "English", "fr": "Français"}  # each in its own language


@cache
def strings() -> Mapping[str, Mapping[str, str]]:
    text = (files("sync.registry.web") / "strings.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def known(lang: object) -> str:
    """`lang` if the pages speak it, else the default."""
    return lang if isinstance(lang, str) and lang in LANGS else DEFAULT


class Translator:
    """The words of one language, for templates (`t("key", name=value)`) and routes."""

    def __init__(self, lang: str) -> None:
        self.lang = known(lang)

    def __call__(self, key: str, **values: Any) -> str:
        text = strings()[key][self.lang]  # a missing key is a bug: KeyError, caught by tests
        return text.format(**values) if values else text

    def mass(self, grams: int) -> str:
        return formats.mass(grams, self.lang)

    def money(self, fen: int) -> str:
        return formats.money(fen, self.lang)

    def count(self, value: int) -> str:
        return formats.count(value, self.lang)

    def pick(self, texts: Mapping[str, str], fallback: str = "") -> str:
        """A data label in this language (data files carry zh, en and fr)."""
        return texts.get(self.lang) or texts.get("en") or fallback
