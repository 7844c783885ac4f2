"""Alembic's environment: the caller (`sync.registry.migrations`, tools/registry_migration.py)
hands over a connection already in its transaction, so the steps commit or roll back with it.

Alembic runs this file; a tool that merely imports every module (the boundary test) finds no
migration context set up and nothing is done."""

from alembic import context

from sync.registry import tables


def run() -> None:
    context.configure(
        connection=context.config.attributes["connection"],
        target_metadata=tables.metadata,
        render_as_batch=True,  # SQLite: ALTERs it lacks become a table rebuild
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # set while alembic runs an EnvironmentContext
    run()
