"""Which database objects Alembic compares with the models (env.py and the tests share it)."""

from __future__ import annotations

from typing import Any

# Tables that live outside the models: the FTS5 search indexes and their shadow tables.
UNMANAGED_PREFIXES = ("customer_search", "customer_short", "sqlite_")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(UNMANAGED_PREFIXES))
