"""Form posts, read with bounds: `application/x-www-form-urlencoded` only, at most
MAX_FIELDS fields of MAX_VALUE characters, valid UTF-8; control characters dropped.

Why not Starlette's `request.form()`: it needs python-multipart and parses file uploads this
site never takes; a urlencoded body is a few lines of the standard library, and the body's
size is already capped as it streams in (sync.registry.limits)."""

from __future__ import annotations

import unicodedata
from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_FIELDS = 40
MAX_VALUE = 2000
URLENCODED = "application/x-www-form-urlencoded"


class FormError(ValueError):
    """A body that is not a form this site sends; the page answers 400."""


def clean(text: str) -> str:
    """Without control characters (a newline in a nickname, a NUL PostgreSQL refuses)."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


async def read_form(request: Request) -> dict[str, str]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != URLENCODED:
        raise FormError(f"expected {URLENCODED}")
    body = await request.body()
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise FormError("the form is not valid UTF-8 text or has too many fields") from None
    form: dict[str, str] = {}
    for name, value in pairs:
        if len(name) > 40 or len(value) > MAX_VALUE:
            raise FormError("a form field is too long")
        form[name] = clean(value)
    return form


async def read_form_or_empty(request: Request) -> dict[str, str]:
    """The form, or {} when it is not one this site sends: the page's CSRF or token check then
    refuses it as it refuses a forged post."""
    try:
        return await read_form(request)
    except FormError:
        return {}
