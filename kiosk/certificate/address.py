"""Where a certificate's QR sends a phone: the registry's public page address.

The registry names its public base URL (`registry serve --public-url`); a kiosk learns it at
enrolment and again with every catalogue pull, since it may differ from the address the kiosk
syncs with. A kiosk never enrolled uses the address in its settings; one with none at all is a
demo: its QR opens no page, and the slip and screen say so. (Which address applies:
kiosk.certificate.issue.base_url.)
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from kiosk.errors import InputError
from kiosk.registry_url import is_this_machine

# The QR holds the address in capitals in alphanumeric mode (digits, A-Z, " $%*+-./:"); a
# longer address would push the worst-case certificate QR past version 10 at level M.
MAX_LENGTH = 40
_HOST = re.compile(r"^[A-Za-z0-9.-]+$")
ALLOWED = (
    f"https://HOST or https://HOST:PORT (at most {MAX_LENGTH} characters, no path; "
    "http:// only to this machine)"
)


def check_public_url(url: str, field: str = "public URL") -> str:
    """The address, trimmed and without a trailing '/'; InputError says what is allowed."""
    text = url.strip().rstrip("/") if isinstance(url, str) else ""
    try:
        parts = urlsplit(text)
        host, _ = parts.hostname or "", parts.port
    except ValueError:
        raise InputError(field, f"{url!r} is not an address; allowed: {ALLOWED}") from None
    wrong = (
        parts.scheme not in ("http", "https")
        or not host
        or not _HOST.match(host)
        or parts.username is not None
        or parts.path
        or parts.query
        or parts.fragment
        or len(text) > MAX_LENGTH
        or (parts.scheme == "http" and not is_this_machine(host))
    )
    if wrong:
        raise InputError(field, f"{url!r} is not allowed; allowed: {ALLOWED}")
    return text


def host_of(text: str) -> str | None:
    """The host (and port) a phone opens for a QR's text; None when it is no web address."""
    try:
        parts = urlsplit(text.strip())
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return f"{host}:{port}" if port else host
