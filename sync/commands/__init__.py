"""The sync job's and the registry's `diandian` subcommands (`sync`, `enroll`, `registry`).

Each is declared in pyproject.toml's `diandian.commands` entry points; `kiosk.cli` loads only
the one named on the command line.
"""
