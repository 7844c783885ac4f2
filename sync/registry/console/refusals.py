"""A refusal of the shared code (settle, credits, payouts, operations, events, invoices) in
the operator's language: those raise InputError with a `code` and raw `params` beside their
English line (kept for the CLI and logs); the console words the code with strings.toml's
`ops.error.<code>`. An error without a code (or with one not yet worded) keeps its English
sentence, as before, rather than showing nothing."""

from __future__ import annotations

from typing import Any

from kiosk.errors import InputError
from sync.registry.web.i18n import Translator, strings


def _value(t: Translator, name: str, value: Any) -> str:
    """Parameters by their names: `*_fen` as money, `*_t` as a count of tonnes, `kind` and `status`
    as words of the page; the rest (periods, days, serials, ids) as given."""
    if name.endswith("_fen") and isinstance(value, int):
        return t.money(value)
    if name.endswith("_t") and isinstance(value, int):
        return t.count(value)
    if name in ("kind", "asked_kind") and f"ops.close.kind.{value}" in strings():
        return t(f"ops.close.kind.{value}")
    if name == "status" and f"ops.invoices.tab.{value}" in strings():
        return t(f"ops.invoices.tab.{value}")
    return str(value)


def refusal(t: Translator, exc: InputError) -> str:
    """The refusal's reason in T's language, or its English sentence when it has no words."""
    key = f"ops.error.{exc.code}"
    if not exc.code or key not in strings():
        return exc.message
    return t(key, **{name: _value(t, name, value) for name, value in exc.params.items()})
