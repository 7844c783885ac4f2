"""Which registry URLs a kiosk may talk to: one rule for the settings file, the admin screen,
enrolment and the sync client.

HTTPS only, except plain HTTP to this machine (tests, or a registry on the same host), where
nothing crosses a network. "This machine" is decided on the parsed host, never on a text
prefix: `http://localhost.evil.example` is another machine, and `http://127.0.0.2:8700` is
this one (all of 127.0.0.0/8 is loopback). Qt-free and HTTP-library-free: the core and the
sync job both import it.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from kiosk.errors import InputError

ALLOWED = (
    "an https:// URL such as https://registry.example.com "
    "(http:// only to this machine: localhost, 127.x.x.x or [::1])"
)


def is_this_machine(host: str) -> bool:
    """A loopback host: `localhost` itself or a loopback address (not a name that starts so)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_registry_url(value: object, field: str = "registry.url") -> str:
    """The URL without surrounding spaces or a trailing slash, or an InputError naming `field`,
    what is wrong and what is allowed."""
    if not isinstance(value, str):
        raise InputError(field, f"{value!r} is not allowed; allowed: {ALLOWED}")
    url = value.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a port that is not a number (or out of range) raises here
    except ValueError:
        raise InputError(field, f"{url!r} is not a URL; allowed: {ALLOWED}") from None
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in url):
        raise InputError(field, f"{url!r} is not allowed; allowed: {ALLOWED}")
    if parts.scheme == "http" and not is_this_machine(host):
        raise InputError(field, f"{url!r} is plain http:// to another machine; allowed: {ALLOWED}")
    return url.rstrip("/")
