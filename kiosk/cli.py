"""The `diandian` command: one console script, one subcommand per job.

Every failure the user can cause ends as one plain line on stderr and a meaningful exit status
(2 for bad input, 1 for broken data or a failed check); never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

COMMANDS = (
    "footprint",
    "app",
    "orders",
    "ledger",
    "cert",
    "simulate",
    "accounts",
    "sync",
    "registry",
    "report",
    "cashier",
)
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line naming the fix."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> Parser:
    parser = Parser(
        prog="diandian",
        description="Diandian carbon-neutral kiosk: footprints, the touchscreen app and more.",
        epilog="Run `diandian COMMAND --help` for the options of each command.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"kiosk.commands.{name}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from kiosk.errors import DataError, DiandianError, InputError

    args = build_parser().parse_args(argv)
    prog = f"diandian {args.command}"
    try:
        return int(args.handler(args) or 0)
    except InputError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (DataError, DiandianError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("DIANDIAN_DEBUG"):
            raise
        print(
            f"{prog}: internal error: {type(exc).__name__}: {exc} "
            "(set DIANDIAN_DEBUG=1 for details, and please report it)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
