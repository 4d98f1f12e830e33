"""Checking every mapped cell of every row, with the rules of `storage.validation`.

Speed matters (100,000 rows in a few seconds), so the two costly checks take their fast paths
first (`importing.fast_checks`), which give the same answer as `storage.validation` or defer to
it. Results are cached by raw string.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

import phonenumbers

from crm_desktop.storage import validation
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError
from crm_desktop.storage.importing.countries import country_code
from crm_desktop.storage.importing.errors import ImportError_
from crm_desktop.storage.importing.fast_checks import fast_email, fast_phone
from crm_desktop.storage.importing.fields import CHOICE_SYNONYMS, RANGES, FieldSpec, specs


class InvalidValue(NamedTuple):
    """One problem: row number as the user sees it, field, the value given, and why.

    Also the shape of a warning: a value that was kept but deserves a look (`reason` says
    why), listed in `ImportReport.warnings`.
    """

    row: int
    field: str
    value: str
    reason: str


class Flagged(NamedTuple):
    """A converted value that is kept, with the warning the report lists for it (what the
    checker caches; `Checker.convert` returns the value and notes the warning)."""

    value: Any
    warning: str


# Several values in one cell: "a@x.com; b@y.com", and Google Contacts' "a@x.com ::: b@y.com".
_SPLIT_EMAILS = re.compile(r"(?:[;,\s]|:::)+")
_SPLIT_PHONES = re.compile(r"\s*:::\s*|[;,/]+|\s{2,}")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M", "%d/%m/%Y %H:%M", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日 %H:%M:%S",
)
_TRUE = {"true", "yes", "y", "1", "x", "done", "completed", "是", "已完成", "完成", "t"}
_FALSE = {"false", "no", "n", "0", "", "open", "否", "未完成", "f"}


def parse_datetime(value: str, field: str) -> datetime:
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if parsed.tzinfo is not None:
            from datetime import UTC

            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed
    except ValueError:
        pass
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    day = validation.parse_date(text, field)
    assert day is not None
    return datetime(day.year, day.month, day.day)


class Checker:
    """Converts the raw cells of one kind of row, caching by (type, raw text)."""

    def __init__(self, kind: str, region: str) -> None:
        region = (region or validation.DEFAULT_REGION).upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise ImportError_(f"{region!r} is not a country code for phone numbers (e.g. US, CN)")
        self.kind = kind
        self.region = region
        self.specs = specs(kind)
        self._cache: dict[tuple[str, str], Any] = {}
        # (field, text, warning) of the values kept with a warning since the reader's last row
        self.flagged: list[tuple[str, str, str]] = []

    def convert(self, spec: FieldSpec, text: str) -> Any:
        """The value for `text`; raises ValidationError. Cached per field type and text.

        Plainly written emails and phones take their fast path uncached: they are mostly
        unique, and caching them would cost more than checking them again. A value kept with
        a warning is returned, and its warning noted in `flagged`.
        """
        if spec.type == "email":
            fast = fast_email(text)
            if fast is not None:
                return fast
        elif spec.type == "phone":
            fast = fast_phone(text, self.region)
            if fast is not None:
                return fast
        # Choices and whole numbers depend on the field (its choices, its range), the rest on
        # the type only.
        key = (spec.type if spec.type not in ("choice", "int") else spec.name, text)
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = self._convert(spec, text)
            except ValidationError as error:
                cached = error
            if len(self._cache) < 500_000:
                self._cache[key] = cached
        if isinstance(cached, ValidationError):
            raise ValidationError(spec.name, cached.template, *cached.values)
        if cached.__class__ is Flagged:
            self.flagged.append((spec.name, text, cached.warning))
            return cached.value
        return cached

    def _convert(self, spec: FieldSpec, text: str) -> Any:
        kind = spec.type
        if kind == "email":
            return fast_email(text) or validation.normalize_email(text, spec.name)
        if kind == "phone":
            fast = fast_phone(text, self.region)
            if fast is not None:
                return fast
            checked = validation.check_phone(text, self.region, spec.name)
            return checked.e164 if checked.warning is None else Flagged(checked.e164,
                                                                        checked.warning)
        if kind == "date":
            return validation.parse_date(text, spec.name)
        if kind == "datetime":
            return parse_datetime(text, spec.name)
        if kind == "money":
            return validation.parse_money(text, spec.name)
        if kind == "int":
            return self._int(spec.name, text)
        if kind == "bool":
            word = text.strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise ValidationError(spec.name, QT_TRANSLATE_NOOP("errors", "{0!r} is not yes or no"), text)
        if kind == "choice":
            return self._choice(spec, text)
        if kind == "country":
            code = country_code(text)
            if code is None:
                raise ValidationError(spec.name, QT_TRANSLATE_NOOP("errors", "{0!r} is not a country (use e.g. US, CN)"), text)
            return code
        if kind == "json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                raise ValidationError(spec.name, QT_TRANSLATE_NOOP("errors", "is not valid JSON")) from None
            if not isinstance(data, dict):
                raise ValidationError(spec.name, QT_TRANSLATE_NOOP("errors", "must be a JSON object"))
            return data
        return text

    def _int(self, field: str, text: str) -> int:
        try:
            number = Decimal(text.strip().rstrip("%"))
        except ArithmeticError:
            raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a whole number"), text) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not a whole number"), text)
        low, high = RANGES.get(field, (-(2**62), 2**62))
        if not low <= number <= high:
            raise ValidationError(field, QT_TRANSLATE_NOOP("errors", "{0!r} is not between {1} and {2}"), text, low, high)
        return int(number)

    def _choice(self, spec: FieldSpec, text: str) -> str:
        # "* Work": Google marks the preferred value's type; "Work ::: Home": the first counts.
        word = text.split(":::", 1)[0].strip().lstrip("* ").strip().lower()
        if word in spec.choices:
            return word
        group = "label" if spec.name.endswith("_label") else spec.name
        if self.kind == "interactions" and spec.name == "kind":
            group = "kind_interaction"
        synonym = CHOICE_SYNONYMS.get(group, {}).get(word.replace(" ", "").replace("-", ""))
        if synonym is None:
            synonym = CHOICE_SYNONYMS.get(group, {}).get(word)
        if synonym in spec.choices:
            return synonym
        if group == "label":
            return "other"
        raise ValidationError(spec.name, QT_TRANSLATE_NOOP("errors", "{0!r} is not one of {1}"), text, ', '.join(spec.choices))


class RowReader:
    """Turns (row number, cells) into field values per the mapping, collecting problems.

    Values kept with a warning (`Flagged`) land in `warnings`, for the rows without problems.
    """

    def __init__(self, checker: Checker, headers: list[str], mapping: dict[str, str | None]):
        self.checker = checker
        self.columns = [
            (i, header, checker.specs[field], _splitter(checker.specs[field]))
            for i, header in enumerate(headers)
            if (field := mapping.get(header))
        ]
        self.width = len(headers)
        self.warnings: list[InvalidValue] = []

    def read(self, number: int, cells: list[str]) -> tuple[dict[str, Any], list[InvalidValue]]:
        values: dict[str, Any] = {}
        problems: list[InvalidValue] = []
        if len(cells) > self.width and any(cells[self.width:]):
            problems.append(InvalidValue(
                number, "(row)", f"{len(cells)} values",
                f"the row has {len(cells)} values but the header has {self.width} columns",
            ))
            return values, problems
        convert = self.checker.convert
        flagged = self.checker.flagged
        size = len(cells)
        for index, header, spec, split in self.columns:
            text = cells[index] if index < size else ""
            if not text:
                continue
            name = spec.name
            if split is _TEXT:
                if spec.multi:
                    if name == "custom":
                        values.setdefault("custom", {})[header] = text
                    else:
                        values.setdefault(name, []).append(text)
                elif name not in values:
                    values[name] = text
                continue
            try:
                if split is None:
                    parts = [convert(spec, text)]
                else:
                    parts = [convert(spec, p) for p in split(text) if p]
            except ValidationError as error:
                problems.append(InvalidValue(number, name, text, error.message))
                continue
            if spec.multi:
                values.setdefault(name, []).extend(parts)
            elif name not in values and parts:
                values[name] = parts[0]
        if flagged:
            if not problems:
                self.warnings.extend(InvalidValue(number, *note) for note in flagged)
            flagged.clear()
        return values, problems


def _TEXT(text: str) -> list[str]:  # noqa: N802 - a marker: the cell is kept as it is
    return [text]


def _split_phones(text: str) -> list[str]:
    return [p.strip() for p in _SPLIT_PHONES.split(text)]


def _splitter(spec: FieldSpec) -> Any:
    """How a cell is cut into values before checking: one value (None), several, or as text."""
    if spec.type == "text":
        return _TEXT
    if spec.type == "email":
        return _SPLIT_EMAILS.split
    if spec.type == "phone":
        return _split_phones
    return None


def person_name(first: str | None, last: str | None) -> str | None:
    """'Ada Lovelace', or '张伟' (family name first, no space) for CJK names."""
    if not first and not last:
        return None
    if _CJK.search((first or "") + (last or "")):
        return f"{last or ''}{first or ''}"
    return " ".join(x for x in (first, last) if x)
