"""What a write changed: the kinds of record (table names) and, where known, their ids.

Every session of `Database.session()` collects these in its audit hook, so a write reports what
it touched without anyone listing it by hand. Bulk Core statements (imports, demo data) bypass
that hook and name their tables themselves (`Changes.of("customers", ...)`). Views refresh from
a `Changes`: a list of customers reloads when `"customers" in changes`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """Table name -> ids of the rows changed (an empty set: many or unknown rows)."""

    by_entity: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, *entities: str) -> Changes:
        """Whole kinds of record changed (bulk writes, settings)."""
        return cls({entity: frozenset() for entity in entities})

    @classmethod
    def rows(cls, entity: str, ids: Iterable[int]) -> Changes:
        return cls({entity: frozenset(int(i) for i in ids)})

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(self.by_entity)

    def ids(self, entity: str) -> frozenset[int]:
        """The changed ids of `entity` (empty when none or when they are not known)."""
        return self.by_entity.get(entity, frozenset())

    def __contains__(self, entity: object) -> bool:
        return entity in self.by_entity

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.by_entity))

    def __bool__(self) -> bool:
        return bool(self.by_entity)

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, frozenset[int]] = dict(self.by_entity)
        for entity, ids in other.by_entity.items():
            merged[entity] = merged.get(entity, frozenset()) | ids
        return Changes(merged)


class ChangeCollector:
    """Mutable collector a session carries in `session.info` while it is open."""

    KEY = "crm_changes"

    def __init__(self) -> None:
        self._seen: dict[str, set[int]] = {}

    def add(self, entity: str, row_id: int | None) -> None:
        ids = self._seen.setdefault(entity, set())
        if row_id is not None:
            ids.add(int(row_id))

    def add_all(self, changes: Changes) -> None:
        for entity, ids in changes.by_entity.items():
            self._seen.setdefault(entity, set()).update(ids)

    def changes(self) -> Changes:
        return Changes({entity: frozenset(ids) for entity, ids in self._seen.items()})
