"""`diandian kiosk`: the full-screen touchscreen app (Qt is imported only here, on demand)."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "kiosk",
        help="start the touchscreen kiosk app",
        description="Start the touchscreen kiosk app on this machine's screen.",
    )
    parser.add_argument("--venue", help="venue id (default: the kiosk's demo venue)")
    parser.add_argument(
        "--windowed", action="store_true", help="run in a window instead of full screen"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ui.app import run_kiosk

    return run_kiosk(venue_id=args.venue, windowed=args.windowed)
