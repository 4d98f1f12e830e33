"""Checking a chunk of rows column by column: each distinct cell text is checked once.

`BatchReader.read(rows)` gives, for every row, exactly what `RowReader.read` gives row by row
(the same field values, problems and warnings, in the same order; a test holds the two equal),
but it works on whole columns: a column's distinct texts are checked once each (a status column
of 100,000 rows has a handful), plainly written e-mail addresses and phone numbers are checked
by loops over the column that do the work of `fast_email`/`fast_phone` without a function call
per value, and everything else goes through `Checker.convert`, whose results are cached.

The result is `Cells`: the row numbers of the rows without problems and, per field, one entry
per such row (None when the row has nothing for the field), in the shapes `RowReader` gives:
a text or a value for a single field, a tuple of values for a field fed by several values (a
dict {column: text} for `custom`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from typing import Any

from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.importing.csv_columns import ColumnRows
from crm_desktop.storage.importing.fast_checks import _EMAIL_FAST, _SPECIAL, _special, fast_phones
from crm_desktop.storage.importing.fields import FieldSpec
from crm_desktop.storage.importing.validate import _TEXT, Checker, InvalidValue, _splitter

_CACHE_LIMIT = 500_000
_UNSET: Any = object()


class _Bad:
    """A cell that does not pass: the problem's reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


class _Noted:
    """A cell whose values pass, some of them kept with a warning: ((part, warning), ...)."""

    __slots__ = ("notes", "value")

    def __init__(self, value: Any, notes: tuple[tuple[str, str], ...]) -> None:
        self.value = value
        self.notes = notes


@dataclass
class Cells:
    """The rows of a chunk without problems: their numbers and, per field, one entry each."""

    numbers: list[int]
    fields: dict[str, list[Any]]


@dataclass(frozen=True)
class _Column:
    index: int
    header: str
    spec: FieldSpec
    split: Any  # _TEXT, None (one value) or a function cutting the cell into values
    order: int  # position among the mapped columns: problems of a row come in this order


def fast_emails(texts: Sequence[str]) -> dict[str, str]:
    """{text: normalised address} for the texts `fast_email` vouches for (the others are
    left out: they take the full check). Domains repeat: each is looked at once."""
    fullmatch = _EMAIL_FAST.fullmatch
    domains: dict[str, str | None] = {}
    found: dict[str, str] = {}
    for text in texts:
        match = fullmatch(text)
        if match is None:
            continue
        start = match.start(1)  # the local part ends with the "@" just before
        if start > 65 or len(text) > 254:
            continue
        given = text[start:]
        domain = domains.get(given, _UNSET)
        if domain is _UNSET:
            domain = domains[given] = _domain(given)
        if domain is not None:
            found[text] = text[:start] + domain
    return found


def _domain(given: str) -> str | None:
    """The domain lower-cased, or None when it needs the full check (IDNA, special use)."""
    domain = given.lower()
    if "--" in domain or domain.endswith(_SPECIAL) and _special(domain):
        return None
    return domain


class BatchReader:
    """`read(rows)` -> (Cells, problems, warnings) for a chunk of (row number, cells)."""

    def __init__(self, checker: Checker, headers: list[str], mapping: dict[str, str | None]):
        self.checker = checker
        self.width = len(headers)
        self.columns: list[_Column] = []
        for i, header in enumerate(headers):
            field = mapping.get(header)
            if field:
                spec = checker.specs[field]
                self.columns.append(_Column(i, header, spec, _splitter(spec), len(self.columns)))
        # field name (type for e-mails and phones) -> text -> what the cell gives: a value, a
        # tuple of values, _Bad or _Noted
        self._caches: dict[str, dict[str, Any]] = {}

    def read(self, rows: Sequence[tuple[int, list[str]]]
             ) -> tuple[Cells, list[InvalidValue], list[InvalidValue]]:
        table: Sequence[Sequence[str]]
        ragged: dict[int, InvalidValue]
        if isinstance(rows, ColumnRows) and rows.width == self.width:
            numbers, table, ragged = rows.numbers, rows.columns, {}  # already columns
        else:
            numbers = [number for number, _cells in rows]
            table, ragged = self._table(rows, numbers)
        problems: list[tuple[int, int, InvalidValue]] = [(i, -1, p) for i, p in ragged.items()]
        notes: list[tuple[int, int, int, InvalidValue]] = []
        outcomes: list[tuple[_Column, list[Any], bool]] = []
        for column in self.columns:
            texts = table[column.index] if table else ()
            outcomes.append((column, *self._outcomes(column, texts, numbers, problems, notes)))
        bad_rows = {i for i, _order, _p in problems}
        problems.sort(key=itemgetter(0, 1))
        notes.sort(key=itemgetter(0, 1, 2))
        warnings = [note for i, _o, _n, note in notes if i not in bad_rows]
        keep: list[int] | None = None
        if bad_rows:
            keep = [i for i in range(len(numbers)) if i not in bad_rows]
            numbers = [numbers[i] for i in keep]
        fields = self._fields(outcomes, keep, len(numbers))
        return Cells(numbers, fields), [p for _i, _o, p in problems], warnings

    def _table(self, rows: Sequence[tuple[int, list[str]]], numbers: list[int]
               ) -> tuple[list[tuple[str, ...]], dict[int, InvalidValue]]:
        """The cells as columns (short rows padded, rows with more values than the header
        emptied and reported)."""
        width = self.width
        cells = [cells for _number, cells in rows]
        ragged: dict[int, InvalidValue] = {}
        if set(map(len, cells)) - {width}:
            blank = [""] * width
            fixed = []
            for i, row in enumerate(cells):
                size = len(row)
                if size > width and any(row[width:]):
                    ragged[i] = InvalidValue(
                        numbers[i], "(row)", f"{size} values",
                        f"the row has {size} values but the header has {width} columns")
                    row = blank
                elif size != width:
                    row = row[:width] if size > width else row + blank[size:]
                fixed.append(row)
            cells = fixed
        return list(zip(*cells, strict=True)), ragged

    def _outcomes(self, column: _Column, texts: Sequence[str], numbers: list[int],
                  problems: list[tuple[int, int, InvalidValue]],
                  notes: list[tuple[int, int, int, InvalidValue]]) -> tuple[list[Any], bool]:
        """Per row: None (empty cell), the text, the value(s), _Bad or _Noted; and whether
        any is _Noted."""
        if column.split is _TEXT:
            return [text or None for text in texts], False
        known, special = self._known(column, texts)
        outcomes = list(map(known.__getitem__, texts))
        noted = False
        if special:
            name = column.spec.name
            noted = any(known[text].__class__ is _Noted for text in special)
            for i in compress(range(len(texts)), map(special.__contains__, texts)):
                text = texts[i]
                outcome = outcomes[i]
                if outcome.__class__ is _Bad:
                    problems.append((i, column.order, InvalidValue(numbers[i], name, text,
                                                                   outcome.reason)))
                else:
                    notes.extend((i, column.order, n, InvalidValue(numbers[i], name, part, why))
                                 for n, (part, why) in enumerate(outcome.notes))
        return outcomes, noted

    def _known(self, column: _Column, texts: Sequence[str]) -> tuple[dict[str, Any], set[str]]:
        """{text: outcome} for every distinct text of the column ('' -> None), and the texts
        whose outcome is _Bad or _Noted."""
        spec = column.spec
        # Choices and numbers depend on the field; e-mails and phones only on the type.
        cache = self._caches.setdefault(
            spec.type if spec.type in ("email", "phone") else spec.name, {})
        distinct = dict.fromkeys(texts)
        distinct.pop("", None)
        known: dict[str, Any] = {"": None}
        todo: list[str] = list(distinct)
        checked: list[str] = []  # texts the full checks decided (not the fast paths)
        if cache:
            hits = distinct.keys() & cache.keys()
            if hits:
                known.update((text, cache[text]) for text in hits)
                todo = [text for text in todo if text not in hits]
                checked.extend(hits)
        fast: dict[str, str] = {}
        if spec.type == "email":
            fast = fast_emails(todo)
        elif spec.type == "phone":
            fast = fast_phones([t for t in todo if t[0] != " " and t[-1] != " " and "  " not in t],
                               self.checker.region)
        # Plain addresses and numbers are mostly unique: caching them would cost more than
        # checking them again. What the full checks say is cached.
        known.update(zip(fast, zip(fast.values(), strict=True), strict=True))
        remember = len(cache) < _CACHE_LIMIT
        for text in todo if len(fast) < len(todo) else ():
            if text not in fast:
                outcome = known[text] = self._check(column, text)
                checked.append(text)
                if remember:
                    cache[text] = outcome
        special = {text for text in checked
                   if known[text].__class__ is _Bad or known[text].__class__ is _Noted}
        return known, special

    def _check(self, column: _Column, text: str) -> Any:
        """What `RowReader.read` makes of one non-empty cell (see there)."""
        convert = self.checker.convert
        flagged = self.checker.flagged
        spec = column.spec
        flagged.clear()
        try:
            if column.split is None:
                value = convert(spec, text)
            else:
                value = tuple(convert(spec, part) for part in column.split(text) if part)
        except ValidationError as error:
            return _Bad(error.message)
        finally:
            noted = tuple((part, warning) for _name, part, warning in flagged)
            flagged.clear()
        return _Noted(value, noted) if noted else value

    def _fields(self, outcomes: list[tuple[_Column, list[Any], bool]], keep: list[int] | None,
                size: int) -> dict[str, list[Any]]:
        """Per field, one entry per kept row (columns of one field combined as RowReader
        does: the first value of a single field wins, several values are joined in order)."""
        by_field: dict[str, list[tuple[_Column, list[Any]]]] = {}
        for column, values, noted in outcomes:
            if keep is not None:
                values = list(map(values.__getitem__, keep))
            if noted:
                values = _plain(values)
            by_field.setdefault(column.spec.name, []).append((column, values))
        fields: dict[str, list[Any]] = {}
        for name, sources in by_field.items():
            spec = sources[0][0].spec
            if name == "custom":
                fields[name] = _custom(sources, size)
            elif spec.multi:
                fields[name] = _joined(sources, size)
            else:
                fields[name] = _first(sources)
        return fields


def _plain(values: list[Any]) -> list[Any]:
    """The values of _Noted cells (the rows with _Bad cells are gone by now)."""
    if any(value.__class__ is _Noted for value in values):
        return [value.value if value.__class__ is _Noted else value for value in values]
    return values


def _first(sources: list[tuple[_Column, list[Any]]]) -> list[Any]:
    values = sources[0][1]
    for _column, more in sources[1:]:
        values = [a if a is not None else b for a, b in zip(values, more, strict=True)]
    return values


def _joined(sources: list[tuple[_Column, list[Any]]], size: int) -> list[Any]:
    """Tuples of the values of every column of the field, in column order (None: no cell)."""
    joined: list[Any] = [None] * size
    for column, values in sources:
        single = column.split is _TEXT or column.split is None  # one value per cell
        if len(sources) == 1:
            return [None if v is None else (v,) for v in values] if single else values
        for i, value in enumerate(values):
            if value is None:
                continue
            part = (value,) if single else value
            have = joined[i]
            joined[i] = part if have is None else have + part
    return joined


def _custom(sources: list[tuple[_Column, list[Any]]], size: int) -> list[Any]:
    """{column header: text} of the `custom` columns a row fills."""
    fields: list[Any] = [None] * size
    for column, values in sources:
        for i, value in enumerate(values):
            if value is not None:
                if fields[i] is None:
                    fields[i] = {}
                fields[i][column.header] = value
    return fields
