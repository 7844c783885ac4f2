"""`diandian footprint`: one scenario's footprint from the command line, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: `diandian footprint` starts without it
    from typing import Any

LANGS = ("zh", "en", "fr")


def _help_epilog() -> str:
    from kiosk.scenarios import load_scenarios

    lines = ["scenarios and their questions (KEY: allowed values; * = required):"]
    for scenario in load_scenarios().values():
        lines.append(f"  {scenario.id} - {scenario.summary.get('en', '')}")
        for question in scenario.questions:
            star = "*" if question.required else " "
            lines.append(f"    {star} {question.key}: {question.allowed()}")
    lines.append("example: diandian footprint trip --set origin=Beijing --set mode=flight --json")
    return "\n".join(lines)


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "footprint",
        help="work out the footprint of a scenario (trip, hotel_stay, meal, ...)",
        description="Work out a scenario's carbon footprint offline, line by line, with sources.",
        epilog=_help_epilog,  # called only for --help (kiosk.cli.Parser)
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("scenario", help="the scenario id, e.g. trip or lifestyle")
    parser.add_argument(
        "--set",
        dest="answers",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="one answer; repeat for each question (see the list below)",
    )
    parser.add_argument("--venue", help="venue id (default: the kiosk's demo venue)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--lang", choices=LANGS, default="en", help="labels for the text output")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="use the factor table in force on the kiosk with this ledger (pulled by sync, with "
        "an admin's local values), as its touchscreen does; default: the shipped table",
    )
    parser.set_defaults(handler=run)


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    from kiosk.errors import InputError

    answers: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InputError("--set", f"{pair!r} must look like KEY=VALUE, e.g. origin=Beijing")
        if key in answers:
            raise InputError(key, "given twice; give each answer once")
        answers[key] = value
    return answers


def run(args: argparse.Namespace) -> int:
    from kiosk.cities import load_cities
    from kiosk.factors import load_factors
    from kiosk.footprint import compute
    from kiosk.venues import get_venue

    venue = get_venue(args.venue)
    table = _table_in_force(args.db) if args.db else load_factors()
    footprint = compute(args.scenario, parse_pairs(args.answers), venue=venue, table=table)
    if args.json:
        json.dump(footprint.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    cities = load_cities()
    out = sys.stdout
    out.write(f"{args.scenario} · {venue.name.get(args.lang, venue.id)}\n")
    for line in footprint.lines:
        name = table[line.activity].name(args.lang)
        if "from" in line.detail:
            ends = (cities.get(line.detail[k]).label(args.lang) for k in ("from", "to"))
            name = f"{name}: {' → '.join(ends)}"
        if "people" in line.detail:  # a group of an event's attendees
            name = f"{name} ({line.detail['people']} x {line.detail['km']} km)"
        shared = f"/ {line.share}" if line.share != 1 else ""
        out.write(
            f"  {_pad(name, 52)} {line.quantity:>10} {_pad(line.unit, 10)} "
            f"x {line.factor_kg_per_unit:<10} {shared:<4} = {line.kg:>10.3f} kg\n"
        )
    out.write(f"  {_pad('total', 93)} {footprint.total_kg:>10.3f} kg CO2e\n")
    out.write(f"factors {footprint.factors_version}; sources:\n")
    for factor_id in dict.fromkeys(line.activity for line in footprint.lines):
        out.write(f"  {factor_id}: {table[factor_id].source}\n")
    return 0


def _table_in_force(path: Path) -> Any:
    """Read-only: a calculator never creates, migrates or writes a ledger."""
    from kiosk.ledger import Ledger
    from kiosk.ledger.overrides import effective_factors

    with Ledger.open(path, create=False, read_only=True, check=False) as ledger:
        return effective_factors(ledger)


def _pad(text: str, width: int) -> str:
    """Left-align in a terminal column: Chinese characters take two cells."""
    cells = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - cells)
