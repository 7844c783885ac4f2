"""One module per `diandian` subcommand: `register(subparsers)` adds it.

Modules import only argparse at the top and load what they need inside the handler, so that
`diandian footprint` never pays for Qt, PDF or network imports.
"""
