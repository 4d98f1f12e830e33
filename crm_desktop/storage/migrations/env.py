"""Alembic environment: always given a connection by crm_desktop.storage.migrate."""

from __future__ import annotations

from alembic import context

from crm_desktop.models import Base
from crm_desktop.storage.migrations_filter import include_object

config = context.config
target_metadata = Base.metadata

def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = config.attributes["engine"]
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
