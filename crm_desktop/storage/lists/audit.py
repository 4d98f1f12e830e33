"""The audit log as a list (newest first): the global log page and the `audit` command read it.

`AuditQuery` is what the user filters on (record kind and id, actor, date range, text); its
`filters()` and `text` go into a `ListQuery` of `audit_list()`, paged like every other list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from crm_desktop.storage.lists.core import Lazy, ListColumn, ListDefinition, ListQuery
from crm_desktop.storage.query_filter import Filter


def _attribute(name: str) -> Lazy:
    def make() -> Any:
        from crm_desktop.models import AuditEntry

        return getattr(AuditEntry, name)
    return Lazy(make)


def _model() -> Any:
    from crm_desktop.models import AuditEntry

    return AuditEntry


# The columns, in the order the page and the CSV export show them.
AUDIT_COLUMNS = ("at", "actor", "machine", "entity", "entity_id", "action", "field",
                 "old_value", "new_value")
_SEARCHABLE = {"actor", "field", "old_value", "new_value"}


def audit_list() -> ListDefinition:
    return ListDefinition(
        "audit_log", Lazy(_model),
        tuple(ListColumn(key, _attribute(key), searchable=key in _SEARCHABLE)
              for key in AUDIT_COLUMNS),
        default_sort="at", default_descending=True,
    )


@dataclass(frozen=True)
class AuditQuery:
    """Which entries to show: all of them when nothing is set. Days (`date`) are UTC days and
    `until` is the last day shown; the UI passes UTC times (`datetime`: the start of the
    user's local day, and the end, exclusive)."""

    entity: str | None = None
    entity_id: int | None = None
    actor: str | None = None
    since: date | datetime | None = None
    until: date | datetime | None = None
    text: str = ""

    def filters(self) -> list[Filter]:
        found = []
        if self.entity:
            found.append(Filter("entity", "eq", self.entity))
        if self.entity_id is not None:
            found.append(Filter("entity_id", "eq", self.entity_id))
        if self.actor:
            found.append(Filter("actor", "eq", self.actor))
        if isinstance(self.since, datetime):
            found.append(Filter("at", "ge", self.since))
        elif self.since is not None:
            found.append(Filter("at", "ge", datetime.combine(self.since, time())))
        if isinstance(self.until, datetime):
            found.append(Filter("at", "lt", self.until))
        elif self.until is not None:
            found.append(Filter("at", "lt", datetime.combine(self.until + timedelta(days=1),
                                                             time())))
        return found

    def list_query(self) -> ListQuery:
        query = ListQuery.default(audit_list())
        query.filters = self.filters()
        query.search = self.text.strip()
        return query
