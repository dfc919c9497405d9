"""Alembic environment for the store. `newsfacts.store.open_store` runs it with the connection it holds (so the
migration shares the store's locking); `alembic -c <ini>` from a shell works too with `sqlalchemy.url` set."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from newsfacts.store.tables import metadata

config = context.config


def run_with(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_with(connection)
else:
    engine = engine_from_config(config.get_section(config.config_ini_section) or {}, prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as fresh:
        run_with(fresh)
