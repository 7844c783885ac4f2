"""Alembic's environment: the caller (`sync.registry.migrations`, tools/registry_migration.py)
hands over a connection already in its transaction, so the steps commit or roll back with it."""

from alembic import context

from sync.registry import tables

context.configure(
    connection=context.config.attributes["connection"],
    target_metadata=tables.metadata,
    render_as_batch=True,  # SQLite: ALTERs it lacks become a table rebuild
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
