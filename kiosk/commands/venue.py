"""`diandian venue poster`: the venue's entrance poster with the QR of its phone flow.

Offline: the QR is `PUBLIC_URL/v/VENUE` (kiosk.phone), the address from `--public-url` or
this kiosk's settings (`[registry] public_url`, else `url`); the venue from the shipped venue
table (resources/venues/venues.toml), which the registry's demo mode loads too.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.slips.poster import FORMATS


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "venue",
        help="print a venue's entrance poster (the phone flow's QR)",
        description="A venue's poster: its name, event and the QR phones scan to offset a "
        "trip on their own phone.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    poster = actions.add_parser(
        "poster",
        help="write the venue's poster as an A4/A3 PDF or a PNG",
        description="Write the poster whose QR opens PUBLIC_URL/v/VENUE (made offline).",
    )
    poster.add_argument("--venue", required=True, metavar="ID", help="the venue's id")
    poster.add_argument("--format", choices=FORMATS, default="a4", help="a4 (default), a3, png")
    poster.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write")
    poster.add_argument(
        "--public-url",
        metavar="URL",
        help="the registry's public address (https://HOST[:PORT]); default: the settings'",
    )
    poster.set_defaults(handler=run_poster)


def run_poster(args: argparse.Namespace) -> int:
    from kiosk.config import load_settings
    from kiosk.errors import InputError
    from kiosk.phone import phone_url
    from kiosk.slips.poster import render_poster
    from kiosk.venues import load_venues

    venues = load_venues()
    venue = venues.get(args.venue)
    if venue is None:
        raise InputError("--venue", f"{args.venue!r} is not one of {', '.join(venues)}")
    base = args.public_url
    if not base:
        settings, _ = load_settings()
        base = settings.public_url or settings.registry_url
    if not base:
        raise InputError(
            "--public-url", "give the registry's public address (or set it in the settings)"
        )
    url = phone_url(base, venue.id)
    data = render_poster(dict(venue.name), dict(venue.event), url, args.format)
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise InputError("--out", f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"poster for {venue.id} ({args.format}) written to {args.out}: its QR opens {url}")
    return 0
