"""Any record list as SQL: `ListDefinition` (what a list selects) and `ListQuery` (the user's
filters, search text, sort and trash on it), run page by page in worker threads.

A definition may hold `Lazy(...)` expressions and model, made on first use: then it can be built
before SQLAlchemy is imported, and with `fast_page`/`fast_count` (plain sqlite3) the first rows
can be shown before it is (see `Database.deferred`).
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.storage.query_filter import Filter

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from crm_desktop.storage.database import Database

_UNSET = object()

PageRequest = tuple[int, int, bool]  # offset, limit, reverse


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
class ListColumn:
    """One column: `expression` is any SQLAlchemy column expression (attribute, subquery), or
    a `Lazy` making one. `searchable` columns make the default text search."""

    key: str
    expression: Any
    sortable: bool = True
    searchable: bool = False

    def expr(self) -> Any:
        return resolve(self.expression)


@dataclass(frozen=True)
class ListDefinition:
    """What a list selects: `entity` (table name, as in `Changes`), ORM model and columns.

    `source()` returns the FROM clause when columns need joins; `search(text)` returns a WHERE
    condition for the search box (default: LIKE over the searchable columns); `base_filters`
    always apply (e.g. only tasks). `fast_page(sqlite3_connection, limit)` and
    `fast_count(sqlite3_connection)` optionally give the default view (live rows, default sort,
    no filter) in plain SQL, as tuples in row order: used before SQLAlchemy is loaded.
    """

    entity: str
    model: Any  # the ORM class, or a Lazy making it
    columns: tuple[ListColumn, ...]
    default_sort: str | None = None
    default_descending: bool = False
    source: Callable[[], Any] | None = None
    search: Callable[[str], Any] | None = None
    base_filters: tuple[Filter, ...] = ()
    fast_page: Callable[[sqlite3.Connection, int], list[tuple[Any, ...]]] | None = None
    fast_count: Callable[[sqlite3.Connection], int] | None = None

    def model_class(self) -> Any:
        return resolve(self.model)

    @cached_property
    def row_type(self) -> type:
        """The frozen dataclass a row is: `id` plus one field per column."""
        fields = [("id", int)] + [(c.key, Any) for c in self.columns]
        name = "".join(part.title() for part in self.entity.split("_")) + "Row"
        return dataclasses.make_dataclass(name, fields, frozen=True, slots=True)

    def column(self, key: str) -> ListColumn:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def keys(self) -> tuple[str, ...]:
        return tuple(column.key for column in self.columns)


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

    definition: ListDefinition
    filters: list[Filter] = field(default_factory=list)
    search: str = ""
    trash: bool = False
    sort_key: str | None = None
    descending: bool = False

    @classmethod
    def default(cls, definition: ListDefinition) -> ListQuery:
        return cls(definition, sort_key=definition.default_sort,
                   descending=definition.default_descending)

    def snapshot(self) -> ListQuery:
        return dataclasses.replace(self, filters=list(self.filters))

    def is_default(self) -> bool:
        return (not self.filters and not self.search and not self.trash
                and self.sort_key == self.definition.default_sort
                and self.descending == self.definition.default_descending)

    def fast_path(self, database: Database) -> bool:
        """Plain sqlite3 for the default view while the database is not open yet (start-up)."""
        return (not database.is_open and database.passphrase is None and self.is_default()
                and self.definition.fast_page is not None
                and self.definition.fast_count is not None)

    def where(self, statement: Any, paging: bool = False) -> Any:
        from sqlalchemy import func

        deleted = getattr(self.definition.model_class(), "deleted_at", None)
        if deleted is not None and self.trash:
            statement = statement.where(deleted.is_not(None))
        elif deleted is not None and paging:
            # Nearly every row is live, so an index on deleted_at only gets in the way of the
            # index that gives the sort order (SQLite would read all live rows, then sort).
            # Wrapped in coalesce() the condition cannot use that index.
            statement = statement.where(func.coalesce(deleted, deleted).is_(None))
        elif deleted is not None:
            statement = statement.where(deleted.is_(None))
        for flt in (*self.definition.base_filters, *self.filters):
            statement = statement.where(self._filter_condition(flt))
        if self.search:
            statement = statement.where(self._search_condition(self.search))
        return statement

    def _filter_condition(self, flt: Filter) -> Any:
        for column in self.definition.columns:
            if column.key == flt.field:
                return _condition(column.expr(), flt.op, flt.value)
        attribute = getattr(self.definition.model_class(), flt.field, None)
        if attribute is None or flt.field.startswith("_"):
            raise ValueError(f"{self.definition.entity} has no field {flt.field!r}")
        return _condition(attribute, flt.op, flt.value)

    def _search_condition(self, text: str) -> Any:
        from sqlalchemy import and_, or_, true

        if self.definition.search is not None:
            return self.definition.search(text)
        words = text.split()
        searchable = [c.expr() for c in self.definition.columns if c.searchable]
        if not searchable:
            return true()
        return and_(*[
            or_(*[expr.contains(word, autoescape=True) for expr in searchable]) for word in words
        ])

    def base_select(self, *columns: Any, paging: bool = False) -> Any:
        from sqlalchemy import select

        statement = select(*columns)
        if self.definition.source is not None:
            statement = statement.select_from(self.definition.source())
        return self.where(statement, paging)

    def count_statement(self) -> Any:
        from sqlalchemy import func

        return self.base_select(func.count(self.definition.model_class().id))

    def page_statement(self, offset: int, limit: int, reverse: bool) -> Any:
        model = self.definition.model_class()
        columns = [model.id.label("id")] + [c.expr().label(c.key)
                                             for c in self.definition.columns]
        statement = self.base_select(*columns, paging=True)
        descending = self.descending != reverse
        if self.sort_key is not None:
            expr = self.definition.column(self.sort_key).expr()
            statement = statement.order_by(expr.desc() if descending else expr.asc())
        statement = statement.order_by(model.id.desc() if descending else model.id.asc())
        return statement.offset(offset).limit(limit)


# Run in worker threads -----------------------------------------------------------------------
def _rows(connection: Connection, query: ListQuery, request: PageRequest) -> list[Any]:
    offset, limit, reverse = request
    row_type = query.definition.row_type
    rows = [row_type(*row) for row in connection.execute(
        query.page_statement(offset, limit, reverse))]
    if reverse:
        rows.reverse()
    return rows


def fetch_page(database: Database, query: ListQuery, request: PageRequest,
               cancelled: Callable[[], bool] = lambda: False) -> list[Any]:
    """The rows of one page (row dataclasses), in the query's order."""
    with database.engine.connect() as connection:
        rows = _rows(connection, query, request)
    return [] if cancelled() else rows


def count(database: Database, query: ListQuery) -> int:
    with database.engine.connect() as connection:
        return int(connection.execute(query.count_statement()).scalar() or 0)


def refresh(database: Database, query: ListQuery, pages: Sequence[tuple[int, PageRequest]],
            cancelled: Callable[[], bool] = lambda: False
            ) -> tuple[int, dict[int, list[Any]]]:
    """The count and the given pages again, in one connection (after a write)."""
    with database.engine.connect() as connection:
        total = int(connection.execute(query.count_statement()).scalar() or 0)
        fetched: dict[int, list[Any]] = {}
        for number, request in pages:
            if cancelled():
                break
            fetched[number] = _rows(connection, query, request)
    return total, fetched


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def fast_page(path: Path, definition: ListDefinition, limit: int) -> list[Any]:
    """The default view's first page through plain sqlite3 (no SQLAlchemy needed)."""
    assert definition.fast_page is not None
    connection = _read_only(path)
    try:
        return [definition.row_type(*row) for row in definition.fast_page(connection, limit)]
    finally:
        connection.close()


def fast_count(path: Path, definition: ListDefinition) -> int:
    assert definition.fast_count is not None
    connection = _read_only(path)
    try:
        return int(definition.fast_count(connection))
    finally:
        connection.close()


def parse_time(value: Any) -> datetime | None:
    """A stored time as SQLAlchemy's SQLite DateTime returns it (for the plain-SQL pages)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def with_customer(model: Any) -> Callable[[], Any]:
    """The FROM clause of a list whose rows belong to a customer: ``model`` joined to
    customers on its ``customer_id`` (for the customer's name column)."""
    from crm_desktop.models import Customer

    return lambda: model.__table__.join(Customer.__table__,
                                        Customer.id == model.customer_id)
