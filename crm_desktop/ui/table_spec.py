"""Table specs (what a list shows) and the queries a SqlTableModel runs in its workers.

Re-exported by `crm_desktop.ui.item_models`, which is where pages import them from.
Statements are built in the worker threads, so the GUI thread never does SQL work. A spec may
hold `Lazy(...)` expressions and model, made on first use: then the spec itself can be built
before SQLAlchemy is imported, and with `fast_page`/`fast_count` (plain sqlite3) the first rows
can be shown before it is (see ui/lazy_database.py).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.query import Filter

_UNSET = object()


class Lazy:
    """A value (SQLAlchemy expression, ORM model) made by `make()` on first use, once."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._value: Any = _UNSET
        self._lock = threading.Lock()

    def resolve(self) -> Any:
        if self._value is _UNSET:
            with self._lock:
                if self._value is _UNSET:
                    self._value = self._make()
        return self._value


def resolve(value: Any) -> Any:
    return value.resolve() if isinstance(value, Lazy) else value


@dataclass(frozen=True)
class ColumnSpec:
    """One column: `expression` is any SQLAlchemy column expression (attribute, subquery),
    or a `Lazy` making one."""

    key: str
    title: str
    expression: Any
    formatter: Callable[[Any], str] | None = None
    alignment: Qt.AlignmentFlag | None = None
    sortable: bool = True
    searchable: bool = False  # part of the default text search (LIKE '%text%')
    width: int | None = None

    def expr(self) -> Any:
        return resolve(self.expression)


@dataclass(frozen=True)
class TableSpec:
    """What a list shows: entity name (as in AppContext.changed), ORM model and columns.

    `source()` returns the FROM clause when columns need joins; `search(text)` returns a WHERE
    condition for the search box (default: LIKE over the searchable columns); `base_filters`
    always apply (e.g. only tasks in an activities list). `fast_page(sqlite3_connection, limit)`
    and `fast_count(sqlite3_connection)` optionally give the default view (live rows, default
    sort, no filter) in plain SQL, as tuples in row order: used before SQLAlchemy is loaded.
    """

    entity: str
    model: Any  # the ORM class, or a Lazy making it
    columns: tuple[ColumnSpec, ...]
    default_sort: str | None = None
    default_descending: bool = False
    source: Callable[[], Any] | None = None
    search: Callable[[str], Any] | None = None
    base_filters: tuple[Filter, ...] = ()
    page_size: int = 200
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    fast_page: Callable[[Any, int], list[tuple[Any, ...]]] | None = None
    fast_count: Callable[[Any], int] | None = None

    def model_class(self) -> Any:
        return resolve(self.model)

    @cached_property
    def row_type(self) -> type:
        fields = [("id", int)] + [(c.key, Any) for c in self.columns]
        name = "".join(part.title() for part in self.entity.split("_")) + "Row"
        return dataclasses.make_dataclass(name, fields, frozen=True, slots=True)

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)


def parse_filters(filters: Sequence[Any]) -> list[Filter]:
    from crm_desktop.storage.query import Filter

    return [Filter.parse(f) for f in filters]


def _condition(expression: Any, op: str, value: Any) -> Any:
    if op == "eq":
        return expression == value
    if op == "ne":
        return expression != value
    if op in ("lt", "le", "gt", "ge"):
        return getattr(expression, f"__{op}__")(value)
    if op == "contains":
        return expression.contains(str(value), autoescape=True)
    if op == "startswith":
        return expression.startswith(str(value), autoescape=True)
    if op == "in":
        return expression.in_(list(value or []))
    if op == "isnull":
        return expression.is_(None)
    if op == "notnull":
        return expression.is_not(None)
    raise ValueError(f"unknown operator {op!r}")


@dataclass
class ListQuery:
    """The SELECTs of one list: live rows or the trash, filters, search text and sort."""

    spec: TableSpec
    filters: list[Filter] = field(default_factory=list)
    search: str = ""
    trash: bool = False
    sort_key: str | None = None
    descending: bool = False

    def snapshot(self) -> ListQuery:
        return dataclasses.replace(self, filters=list(self.filters))

    def is_default(self) -> bool:
        return (not self.filters and not self.search and not self.trash
                and self.sort_key == self.spec.default_sort
                and self.descending == self.spec.default_descending)

    def fast_path(self, database: Any) -> bool:
        """Plain sqlite3 for the default view while the database is not open yet (start-up)."""
        return (getattr(database, "is_open", True) is False and self.is_default()
                and self.spec.fast_page is not None and self.spec.fast_count is not None)

    def where(self, statement: Any, paging: bool = False) -> Any:
        from sqlalchemy import func

        deleted = getattr(self.spec.model_class(), "deleted_at", None)
        if deleted is not None and self.trash:
            statement = statement.where(deleted.is_not(None))
        elif deleted is not None and paging:
            # Nearly every row is live, so an index on deleted_at only gets in the way of the
            # index that gives the sort order (SQLite would read all live rows, then sort).
            # Wrapped in coalesce() the condition cannot use that index.
            statement = statement.where(func.coalesce(deleted, deleted).is_(None))
        elif deleted is not None:
            statement = statement.where(deleted.is_(None))
        for flt in (*self.spec.base_filters, *self.filters):
            statement = statement.where(self._filter_condition(flt))
        if self.search:
            statement = statement.where(self._search_condition(self.search))
        return statement

    def _filter_condition(self, flt: Filter) -> Any:
        for column in self.spec.columns:
            if column.key == flt.field:
                return _condition(column.expr(), flt.op, flt.value)
        attribute = getattr(self.spec.model_class(), flt.field, None)
        if attribute is None or flt.field.startswith("_"):
            raise ValueError(f"{self.spec.entity} has no field {flt.field!r}")
        return _condition(attribute, flt.op, flt.value)

    def _search_condition(self, text: str) -> Any:
        from sqlalchemy import and_, or_, true

        if self.spec.search is not None:
            return self.spec.search(text)
        words = text.split()
        searchable = [c.expr() for c in self.spec.columns if c.searchable]
        if not searchable:
            return true()
        return and_(*[
            or_(*[expr.contains(word, autoescape=True) for expr in searchable]) for word in words
        ])

    def base_select(self, *columns: Any, paging: bool = False) -> Any:
        from sqlalchemy import select

        statement = select(*columns)
        if self.spec.source is not None:
            statement = statement.select_from(self.spec.source())
        return self.where(statement, paging)

    def count_statement(self) -> Any:
        from sqlalchemy import func

        return self.base_select(func.count(self.spec.model_class().id))

    def page_statement(self, offset: int, limit: int, reverse: bool) -> Any:
        model = self.spec.model_class()
        columns = [model.id.label("id")] + [c.expr().label(c.key) for c in self.spec.columns]
        statement = self.base_select(*columns, paging=True)
        descending = self.descending != reverse
        if self.sort_key is not None:
            expr = self.spec.columns[self.spec.column_index(self.sort_key)].expr()
            statement = statement.order_by(expr.desc() if descending else expr.asc())
        statement = statement.order_by(model.id.desc() if descending else model.id.asc())
        return statement.offset(offset).limit(limit)


# Worker functions (run in ui.workers threads) -------------------------------------------------
PageRequest = tuple[int, int, bool]  # offset, limit, reverse


def _rows(connection: Any, query: ListQuery, request: PageRequest) -> list[Any]:
    offset, limit, reverse = request
    row_type = query.spec.row_type
    rows = [row_type(*row) for row in connection.execute(
        query.page_statement(offset, limit, reverse))]
    if reverse:
        rows.reverse()
    return rows


def run_page(database: Database, query: ListQuery, request: PageRequest,
             cancelled: Callable[[], bool]) -> list[Any]:
    with database.engine.connect() as connection:
        rows = _rows(connection, query, request)
    return [] if cancelled() else rows


def run_count(database: Database, query: ListQuery) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(query.count_statement()).scalar() or 0)


def run_refresh(database: Database, query: ListQuery, pages: Sequence[tuple[int, PageRequest]],
                cancelled: Callable[[], bool]) -> tuple[int, dict[int, list[Any]]]:
    with database.engine.connect() as connection:
        total = int(connection.execute(query.count_statement()).scalar() or 0)
        fetched: dict[int, list[Any]] = {}
        for number, request in pages:
            if cancelled():
                break
            fetched[number] = _rows(connection, query, request)
    return total, fetched


def _sqlite(path: Any) -> Any:
    import sqlite3

    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def run_fast_page(path: Any, spec: TableSpec, limit: int) -> list[Any]:
    """The default view's first page through plain sqlite3 (no SQLAlchemy needed)."""
    assert spec.fast_page is not None
    connection = _sqlite(path)
    try:
        return [spec.row_type(*row) for row in spec.fast_page(connection, limit)]
    finally:
        connection.close()


def run_fast_count(path: Any, spec: TableSpec) -> int:
    assert spec.fast_count is not None
    connection = _sqlite(path)
    try:
        return int(spec.fast_count(connection))
    finally:
        connection.close()


def parse_time(value: Any) -> datetime | None:
    """A stored time as SQLAlchemy's SQLite DateTime returns it."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
