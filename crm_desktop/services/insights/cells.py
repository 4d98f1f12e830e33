"""One cell of a result table as text, by its column's kind (``AnalysisOutcome.columns``):
money with the currency, probabilities and shares as percentages, bands and segments by their
names, reasons as words. The page passes Qt's translation and the user's locale; the command
line the English defaults."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from crm_desktop.services.insights.render import (
    EnglishFormats,
    Formats,
    Sentence,
    Translate,
    _keep,
    render,
    segment_name,
)

if TYPE_CHECKING:
    from crm_desktop.services.insights.reason_book import ReasonBook

# Kinds whose numbers are right-aligned.
NUMERIC_KINDS = frozenset({"money", "probability", "share", "days", "count", "score"})


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def cell_text(kind: str | None, value: Any, translate: Translate = _keep,
              formats: Formats | None = None, names: Mapping[str, str] | None = None,
              reasons: ReasonBook | None = None) -> str:
    """``value`` shown as a column of ``kind`` shows it ("" for a missing value); None or an
    unknown kind: as it is. ``reasons``: the book a "reasons" column points into (the
    outcome's)."""
    if hasattr(value, "item"):
        value = value.item()
    if _missing(value):
        return ""
    formats = formats or EnglishFormats()
    try:
        if kind == "money":
            return formats.money(float(value))
        if kind in ("probability", "share"):
            return formats.percent(float(value))
        if kind in ("days", "count"):
            return formats.count(int(round(float(value))))
        if kind == "score":
            return formats.number(float(value), 0)
        if kind == "band":
            return render(Sentence(f"band:{value}"), translate, formats)
        if kind == "segment":
            return segment_name(str(value), translate, formats, names)
        if kind == "reasons":
            return reasons_text(reasons, value, translate, formats)
        if kind == "date":
            return formats.date(str(value))
    except (TypeError, ValueError):
        return str(value)
    return str(value)


def reasons_text(book: ReasonBook | None, position: Any, translate: Translate = _keep,
                 formats: Formats | None = None) -> str:
    """A row's reasons (its position in ``book``) as one line: "no order for 140 days; 2
    complaints"."""
    if book is None:
        return ""
    parts = [render(s, translate, formats) for s in book.sentences(position)]
    return "; ".join(p for p in parts if p)
