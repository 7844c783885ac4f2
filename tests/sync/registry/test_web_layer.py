"""The registry's web layer: every string in three languages, every key a template uses
exists, the signed cookie and its CSRF token, the security headers, bounded form reading."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from sync.registry.web import cookies, render
from sync.registry.web.i18n import LANGS, strings

KEY = b"k" * 32


def test_every_string_has_three_languages_and_chinese_is_translated() -> None:
    for key, texts in strings().items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert texts["zh"] != texts["en"], key


def test_every_key_a_page_uses_exists() -> None:
    used = set()
    folder = files("sync.registry.web") / "templates"
    for item in [*folder.iterdir(), *(folder / "phone").iterdir(), *(folder / "ops").iterdir()]:
        if item.name.endswith(".html"):
            used |= set(
                re.findall(r'(?<![\w.])t\(\s*["\']([a-z_.]+)["\']', item.read_text("utf-8"))
            )
    modules = [
        ("sync.registry.phone", m)
        for m in ("pages_flow.py", "pages_result.py", "pages_order.py", "context.py")
    ]
    console = ("access.py", "pages.py", "session.py", "payout.py", "views.py", "actions.py")
    modules += [("sync.registry.console", m) for m in console]
    for package, module in modules:
        text = (files(package) / module).read_text("utf-8")
        used |= set(re.findall(r'(?<![\w.])t\(\s*f?["\']([a-z_.]+)["\']', text))
    used = {key for key in used if not key.endswith(".")}  # f-string stems: problem.{...}
    assert used and used <= set(strings()), sorted(used - set(strings()))


def test_the_cookie_reads_back_and_refuses_tampering() -> None:
    value = cookies.encode(KEY, {"id": "abc", "at": 2_000_000_000 - 10, "lang": "en"})
    assert cookies.decode(KEY, value, now=2_000_000_000)["lang"] == "en"
    mac = value.split(".")[1]
    other = cookies.encode(KEY, {"id": "abc", "at": 2_000_000_000 - 10, "lang": "fr"})
    assert cookies.decode(KEY, other.split(".")[0] + "." + mac, now=2_000_000_000) is None
    assert cookies.decode(b"x" * 32, value, now=2_000_000_000) is None
    assert cookies.decode(KEY, value, now=2_000_000_000 + cookies.MAX_AGE) is None
    assert cookies.decode(KEY, "garbage", now=2_000_000_000) is None


def test_csrf_token_is_bound_to_the_visit() -> None:
    token = cookies.csrf_token(KEY, "visit-1")
    assert cookies.csrf_ok(KEY, "visit-1", token)
    assert not cookies.csrf_ok(KEY, "visit-2", token)
    assert not cookies.csrf_ok(KEY, "visit-1", None)


def test_pages_forbid_inline_scripts_and_framing() -> None:
    headers = render.headers()
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and headers["X-Frame-Options"] == "DENY"


def test_no_inline_style_or_script_in_templates() -> None:
    folder = files("sync.registry.web") / "templates"
    for item in [*folder.iterdir(), *(folder / "phone").iterdir(), *(folder / "ops").iterdir()]:
        if item.name.endswith(".html"):
            text = item.read_text("utf-8")
            assert "<script" not in text and "style=" not in text and "<style" not in text


def test_the_stylesheet_is_small() -> None:
    css = (files("sync.registry.web") / "static" / "web.css").read_bytes()
    assert len(css) < 30_000


@pytest.mark.parametrize("lang", LANGS)
def test_markup_in_a_nickname_stays_text(lang: str) -> None:
    page = render.html(
        "problem.html",
        lang,
        {"title": "<b>x</b>", "message": "<script>", "actions": [], "switch": [], "home": ""},
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
