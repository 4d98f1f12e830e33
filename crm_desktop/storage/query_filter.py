"""One condition of a list filter, as plain data (no SQLAlchemy): saved filters store these as
lists, the UI builds them from its filter bar, `storage.lists` turns them into SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Filter:
    """`field op value`."""

    field: str
    op: str = "eq"
    value: Any = None

    @classmethod
    def parse(cls, item: Sequence[Any] | dict[str, Any] | Filter) -> Filter:
        if isinstance(item, Filter):
            return item
        if isinstance(item, dict):
            return cls(item["field"], item.get("op", "eq"), item.get("value"))
        field, op, *rest = item
        return cls(field, op, rest[0] if rest else None)

    def to_list(self) -> list[Any]:
        return [self.field, self.op, self.value]


def parse_filters(filters: Sequence[Any]) -> list[Filter]:
    return [Filter.parse(f) for f in filters]
