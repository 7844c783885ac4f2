"""The touchscreen's and the cashier console's `diandian` subcommands (`kiosk`, `cashier`).

Each is declared in pyproject.toml's `diandian.commands` entry points; Qt is imported only by
the handler, so `diandian --help` never loads it.
"""
