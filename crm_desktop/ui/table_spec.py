"""What a record list shows: the storage list it reads (`storage.lists`) and, per column, the
title, formatter, alignment and width. Re-exported by `crm_desktop.ui.item_models`.

All SQL (columns, joins, search, sort, paging) lives in the storage definition; a spec names
the columns to show, by key, in the order shown.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from crm_desktop.storage.lists.core import ListDefinition


@dataclass(frozen=True)
class ColumnSpec:
    """One shown column: `key` names a column of the storage list. With `currency` (the key of
    the row's currency code, e.g. "currency") the formatter is called as
    `formatter(value, code)`: money shown with the row's own currency sign."""

    key: str
    title: str
    formatter: Callable[..., str] | None = None
    alignment: Qt.AlignmentFlag | None = None
    width: int | None = None
    currency: str | None = None
    # The formatter needs no Qt and caches what it learns (phone numbers: the region's rules,
    # 1 s to load on first use): it runs once in the worker that reads the rows, so the GUI
    # thread finds its cache warm when it paints them.
    warm_in_worker: bool = False

    def text(self, row: Any, value: Any) -> str:
        """The cell's text for `value` (not None) of `row`."""
        if self.formatter is None:
            return str(value)
        if self.currency is not None:
            return self.formatter(value, getattr(row, self.currency, None))
        return self.formatter(value)


@dataclass(frozen=True)
class TableSpec:
    """A storage list and the columns shown of it."""

    source: ListDefinition
    columns: tuple[ColumnSpec, ...]
    page_size: int = 200

    def __post_init__(self) -> None:
        known = set(self.source.keys())
        missing = [c.key for c in self.columns if c.key not in known] + [
            c.currency for c in self.columns if c.currency and c.currency not in known]
        if missing:
            raise KeyError(f"{self.source.entity} list has no column {missing}")

    @property
    def entity(self) -> str:
        """The table name, as in `Changes` (what makes this list refresh)."""
        return self.source.entity

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def sortable(self, index: int) -> bool:
        return 0 <= index < len(self.columns) and \
            self.source.column(self.columns[index].key).sortable


def fetch_warm(fetch: Callable[..., list[Any]], columns: tuple[ColumnSpec, ...],
               *args: Any, cancelled: Callable[[], bool] | None = None) -> list[Any]:
    """Worker: `fetch(*args)` (a page of rows; given `cancelled` when it takes it), then the
    formatters of `columns` marked `warm_in_worker` run once over the rows, filling their
    caches off the GUI thread."""
    takes_cancel = cancelled is not None and "cancelled" in inspect.signature(fetch).parameters
    rows = fetch(*args, cancelled=cancelled) if takes_cancel else fetch(*args)
    for column in columns:
        if column.warm_in_worker and column.formatter is not None:
            for row in rows:
                value = getattr(row, column.key, None)
                if value is not None:
                    column.text(row, value)
    return rows
