"""One module per core `diandian` subcommand: `register(subparsers)` adds it.

Modules import only argparse at the top and load what they need inside the handler, so that
`diandian footprint` never pays for PDF or ledger imports it does not use. The subcommands
that need Qt or HTTP live in ui/commands/ and sync/commands/ (see kiosk/cli.py).
"""
