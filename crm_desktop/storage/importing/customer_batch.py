"""A chunk of checked customer rows as columns: what `rows.build_customer` makes of each row,
computed a column at a time.

`CustomerBatch.build(cells)` turns the field values of `cells.BatchReader` into the customer
columns (name, kind, city, ... one list each, None where a row has nothing), the contact points
(flat lists, in the order `build_customer` gives them: row by row, e-mails before phones), the
company each row names, and the external ids and UUIDs rows are matched by. A test holds every
row equal to `build_customer`'s. Rows that update an existing customer become a `CustomerRow`
(`row(i)`) for the ORM path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import Any

from crm_desktop.storage.importing.cells import Cells
from crm_desktop.storage.importing.rows import (
    _CONTACT_FIELDS,
    _MISSING_NAME,
    _NOT_COLUMNS,
    CustomerRow,
    _phone_key,
    _tags,
    build_customer,
)
from crm_desktop.storage.importing.validate import _CJK, InvalidValue
from crm_desktop.storage.validation import email_key

# Multi-valued text fields that become one column, and what joins their values.
_JOINED = {"notes": "\n", "street": ", "}


@dataclass
class Contacts:
    """Contact points of a batch, one entry per contact: the row (index in the batch), kind,
    label, value as given, normalised key, and whether it is the row's primary of its kind."""

    rows: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    primary: list[bool] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, row: int, kind: str, label: str, value: str, key: str, primary: bool) -> None:
        self.rows.append(row)
        self.kinds.append(kind)
        self.labels.append(label)
        self.values.append(value)
        self.keys.append(key)
        self.primary.append(primary)

    def extend(self, other: Contacts) -> None:
        for mine, theirs in zip(self.lists(), other.lists(), strict=True):
            mine.extend(theirs)

    def lists(self) -> tuple[list[Any], ...]:
        return (self.rows, self.kinds, self.labels, self.values, self.keys, self.primary)

    def ordered(self) -> Contacts:
        """Sorted by row (stable: within a row, the order they were added in)."""
        # sorted() finds the runs already in order (each kind's rows ascend) in C: cheaper
        # than comparing neighbours in Python first
        order = sorted(range(len(self.rows)), key=self.rows.__getitem__)
        if order == list(range(len(order))):
            return self
        return self.taken(order)

    def taken(self, order: list[int]) -> Contacts:
        """The contacts at the positions `order` gives, in that order (one C loop a list)."""
        out = Contacts()
        for mine, theirs in zip(out.lists(), self.lists(), strict=True):
            mine.extend(map(theirs.__getitem__, order))
        return out


@dataclass
class CustomerBatch:
    numbers: list[int]
    # customer column -> one value per row (None: the row gives nothing for it)
    columns: dict[str, list[Any]]
    contacts: Contacts
    company: list[str | None]  # the company a person row names
    external_ids: list[str | None]
    uuids: list[str | None]
    missing_name: list[bool]  # no name: fine for updating a match, invalid for a new row
    cells: Cells

    def __len__(self) -> int:
        return len(self.numbers)

    @classmethod
    def build(cls, cells: Cells) -> CustomerBatch:
        return _build(cells)

    def values(self, i: int) -> dict[str, Any]:
        """Row `i` as `RowReader.read` gives it (lists for several values)."""
        out: dict[str, Any] = {}
        for name, column in self.cells.fields.items():
            value = column[i]
            if value is not None:
                out[name] = list(value) if value.__class__ is tuple else value
        return out

    def row(self, i: int) -> CustomerRow:
        """Row `i` as `build_customer` makes it (for the rows that update a customer)."""
        return build_customer(self.numbers[i], self.values(i))

    def missing(self, i: int) -> InvalidValue:
        return InvalidValue(self.numbers[i], "name", "", _MISSING_NAME)

    def is_company(self, i: int) -> bool:
        kinds = self.columns.get("kind")
        return kinds is not None and kinds[i] == "company"

    def settle_churned_at(self, rows: list[int], now: datetime) -> None:
        """`customers.settle_churned_at` for new rows `rows`: a status other than churned
        clears churned_at, churned without a time stamps `now`."""
        status = self.columns.get("status")
        if status is None:
            return
        churned = self.columns.setdefault("churned_at", [None] * len(self.numbers))
        for i in rows:
            if status[i] is None:
                continue
            if status[i] != "churned":
                churned[i] = None
            elif churned[i] is None:
                churned[i] = now


@lru_cache(maxsize=65536)
def _cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def _person_names(names: list[Any], first: list[Any], last: list[Any]) -> list[Any]:
    """`name or person_name(first, last)` per row (see validate.person_name)."""
    if (None not in first and None not in last and "" not in first and "" not in last
            and not any(map(_cjk, {*first, *last}))):
        # Every row has both parts, none in CJK (the usual file): "first last", the CJK test
        # once per distinct part.
        if names.count(None) == len(names):
            return [f"{given} {family}" for given, family in zip(first, last, strict=True)]
        return [name or f"{given} {family}"
                for name, given, family in zip(names, first, last, strict=True)]
    out = list(names)
    for i, (name, given, family) in enumerate(zip(names, first, last, strict=True)):
        if name or (not given and not family):
            continue
        if (given and _cjk(given)) or (family and _cjk(family)):
            out[i] = f"{family or ''}{given or ''}"
        else:
            out[i] = f"{given} {family}" if given and family else given or family
    return out


def _build(cells: Cells) -> CustomerBatch:
    fields = cells.fields
    size = len(cells.numbers)
    nothing: list[Any] = [None] * size
    names = fields.get("name", nothing)
    if "first_name" in fields or "last_name" in fields:
        names = _person_names(names, fields.get("first_name", nothing),
                              fields.get("last_name", nothing))
    company = list(fields.get("company", nothing))
    kinds = list(fields.get("kind", nothing))
    if "company" in fields:
        names = list(names)
        for i, text in enumerate(company):
            if text is None:
                continue
            if not names[i] and kinds[i] != "person":
                names[i], kinds[i] = text, "company"
            if kinds[i] == "company" and text == names[i]:
                company[i] = None
    stripped = [name.strip() if name else "" for name in names]
    columns: dict[str, list[Any]] = {"name": [name or None for name in stripped]}
    if any(kind is not None for kind in kinds):
        columns["kind"] = [kind or None for kind in kinds]
    for name, values in fields.items():
        if name in _NOT_COLUMNS or name in ("name", "kind", "custom", "custom_fields"):
            continue
        if name in _JOINED:
            values = _join(values, _JOINED[name])
        elif name == "tags":
            values = [_tags(",".join(value)) if value is not None else None
                      for value in values]
        columns[name] = values
    if "custom_fields" in fields or "custom" in fields:
        columns["custom_fields"] = _custom_fields(fields.get("custom_fields", nothing),
                                                  fields.get("custom", nothing))
    contacts = Contacts()
    for kind, label_key, labelled in _CONTACT_FIELDS:
        contacts.extend(_contacts(fields, kind, label_key, labelled, size))
    return CustomerBatch(
        numbers=cells.numbers, columns=columns, contacts=contacts.ordered(), company=company,
        external_ids=fields.get("external_id", nothing), uuids=fields.get("uuid", nothing),
        missing_name=[not name for name in stripped], cells=cells,
    )


def _join(values: list[Any], sep: str) -> list[Any]:
    """rows._joined per row: one value as it is, several joined (None when all are empty)."""
    return [None if parts is None else parts[0] if len(parts) == 1
            else sep.join(str(v) for v in parts if v) or None for parts in values]


def _custom_fields(json_values: list[Any], custom: list[Any]) -> list[Any]:
    """The JSON object of a custom_fields cell, with the `custom` columns' texts over it."""
    out: list[Any] = []
    for given, extra in zip(json_values, custom, strict=True):
        if given is None and extra is None:
            out.append(None)
        else:
            merged = dict(given or {})
            merged.update(extra or {})
            out.append(merged)
    return out


def _email_keys(values: list[str]) -> list[str]:
    """`email_key` of each value (strip, lower case) by C loops."""
    return list(map(str.lower, map(str.strip, values)))


def _contacts(fields: dict[str, list[Any]], kind: str, label_key: str,
              labelled: tuple[tuple[str, str], ...], size: int) -> Contacts:
    """Contacts of one kind, as rows._contacts makes them: the first is primary, repeats of a
    key are dropped; the label column labels every value of the primary column."""
    key_of = email_key if kind == "email" else _phone_key
    sources: list[tuple[list[Any] | None, str, list[Any]]] = []
    if kind in fields:
        sources.append((fields.get(label_key), "work", fields[kind]))
    sources += [(None, label, fields[name]) for label, name in labelled if name in fields]
    out = Contacts()
    if not sources:
        return out
    if len(sources) == 1 and max(map(len, filter(None, sources[0][2])), default=0) <= 1:
        # One value at most per row (the usual file): the lists made by C loops.
        labels, default, values = sources[0]
        rows = list(compress(range(len(values)), values))
        given = list(map(itemgetter(0), filter(None, values)))
        out.rows = rows
        out.kinds = [kind] * len(rows)
        out.labels = ([labels[i] or default for i in rows] if labels is not None
                      else [default] * len(rows))
        out.values = given
        out.keys = _email_keys(given) if kind == "email" else list(map(_phone_key, given))
        out.primary = [True] * len(rows)
        return out
    for i in range(size):
        found = [((labels[i] or default) if labels is not None else default, value)
                 for labels, default, values in sources if values[i] for value in values[i]]
        if len(found) == 1:
            label, value = found[0]
            out.add(i, kind, label, value, key_of(value), True)
            continue
        seen: set[str] = set()
        for label, value in found:
            key = key_of(value)
            if key not in seen:
                out.add(i, kind, label, value, key, not seen)
                seen.add(key)
    return out
