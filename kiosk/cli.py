"""The `diandian` command: one console script, one subcommand per job.

Every failure the user can cause ends as one plain line on stderr and a meaningful exit status
(2 for bad input, 1 for broken data or a failed check); never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any, NoReturn

# The core's own subcommands, one module each in kiosk/commands/ registering the command of its
# name. The packages above the core add theirs through the entry-point group below (declared in
# pyproject.toml), so the core never names `ui` or `sync`.
CORE_COMMANDS = (
    "footprint",
    "orders",
    "ledger",
    "cert",
    "simulate",
    "accounts",
    "report",
    "venue",
    "company",
)
ENTRY_POINT_GROUP = "diandian.commands"
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70

if TYPE_CHECKING:
    Register = Callable[[Any], None]


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line naming the fix, and whose epilog may be
    a function, called only when the help is shown (the footprint command's lists every
    scenario's questions: loading them is most of what running the command costs)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def format_help(self) -> str:
        epilog: object = self.epilog  # typeshed says str | None; a command may give a function
        if callable(epilog):
            self.epilog = str(epilog())
        return super().format_help()

    def _get_formatter(self) -> argparse.HelpFormatter:
        """argparse makes a formatter for every option added, and without a width it asks
        shutil (which imports zlib, bz2 and lzma) for the terminal's: a tenth of a footprint."""
        return self.formatter_class(prog=self.prog, width=_help_width())  # type: ignore[call-arg]


def _help_width() -> int:
    """The width argparse would use: $COLUMNS, else the terminal's, else 80; less 2."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return (columns or 80) - 2


def _core(name: str) -> Register:
    register: Register = importlib.import_module(f"kiosk.commands.{name}").register
    return register


def _plugins() -> dict[str, Any]:
    """The other packages' subcommands, by name, not yet imported (an EntryPoint each).

    importlib.metadata costs ~20 ms to import, so it is read only when the core's commands do
    not answer: `diandian footprint ... --json` stays cheap.
    """
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _wanted(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line, or None when all are needed (help, a typo)."""
    for arg in argv:
        if arg.startswith("-"):
            return None  # an option before the command: --help, or an error to report in full
        return arg
    return None


def registrations(argv: Sequence[str] | None = None) -> list[tuple[str, Register]]:
    """(name, register) for the subcommand `argv` names, or for every subcommand.

    Only the modules of the commands returned are imported: running one command never loads
    another's module (nor Qt, nor the HTTP stack, nor the registry's database layer).
    """
    name = _wanted(argv or ())
    if name in CORE_COMMANDS:
        return [(name, _core(name))]
    plugins = _plugins()
    if name in plugins:
        return [(name, plugins[name].load())]
    core = [(n, _core(n)) for n in CORE_COMMANDS]
    return core + [(n, ep.load()) for n, ep in plugins.items() if n not in CORE_COMMANDS]


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The parser for `argv`'s subcommand only, or with every subcommand when argv is None."""
    parser = Parser(
        prog="diandian",
        description="Diandian carbon-neutral kiosk: footprints, the touchscreen app and more.",
        epilog="Run `diandian COMMAND --help` for the options of each command.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for _name, register in registrations(argv):
        register(commands)
    return parser


def _ledger_failure(args: argparse.Namespace, exc: Exception) -> str | None:
    """For an SQLite error that is the file's or its disk's fault (a damaged page met
    mid-listing, a disk gone read-only), the one-line reason the app shows, naming the file;
    None for one that means our code is wrong (a constraint, a misused API)."""
    import sqlite3

    faults = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)
    if not isinstance(exc, sqlite3.DatabaseError) or isinstance(exc, faults):
        return None
    from kiosk.ledger.db import describe
    from kiosk.paths import default_ledger

    return describe(exc, getattr(args, "db", None) or default_ledger())


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    prog = f"diandian {args.command}"
    if getattr(args, "supervised", False):  # set by a command that writes a ledger for long
        from kiosk.paths import default_ledger
        from kiosk.shm_guard import sigbus_reason, supervised

        path = getattr(args, "db", None) or default_ledger()
        return supervised(
            lambda: _run(args, prog), on_sigbus=lambda: f"{prog}: error: {sigbus_reason(path)}"
        )
    return _run(args, prog)


def _run(args: argparse.Namespace, prog: str) -> int:
    """The command's exit status; every failure the user can cause is one line on stderr."""
    from kiosk.errors import DataError, DiandianError, InputError

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
        reason = _ledger_failure(args, exc)
        if reason is not None:
            print(f"{prog}: error: {reason}", file=sys.stderr)
            return 1
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
