"""How `crm-desktop analytics NAME` prints a result in words: the summary on top, the rows
with names, money with the currency, percentages, bands, segment names and reasons, then a
"Details" section with the technical figures, each with a line saying what it means and,
for model quality, the words beside the figure. The English of the phrasebook
(services.insights) is printed as it is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from crm_desktop.services.insights.cells import cell_text
from crm_desktop.services.insights.render import EnglishFormats, Sentence, english, render

ROWS_SHOWN = 10
WIDTH = 48  # widest cell printed (reasons are cut with an ellipsis)


def shown_columns(outcome: Any, frame: Any) -> list[str]:
    """The columns a person reads: ids left out where a name stands beside them, hidden
    columns left out."""
    kinds = outcome.columns or {}
    named = "customer" in frame.columns
    return [c for c in frame.columns if kinds.get(c) != "hidden"
            and not (named and c == "customer_id")]


def shown_frame(outcome: Any, frame: Any, limit: int | None = None) -> Any:
    """``frame`` (its first ``limit`` rows) as the texts a person reads."""
    import pandas as pd

    formats = EnglishFormats(outcome.currency)
    kinds = outcome.columns or {}
    names = getattr(outcome, "names", None)
    book = getattr(outcome, "reasons", None)
    head = frame if limit is None else frame.head(limit)
    columns = shown_columns(outcome, head)
    return pd.DataFrame({
        c.replace("_", " "): [cell_text(kinds.get(c), v, formats=formats, names=names,
                                        reasons=book)
                              for v in head[c].tolist()]
        for c in columns})


def _cut(text: str) -> str:
    return text if len(text) <= WIDTH else text[:WIDTH - 1] + "…"


def print_outcome(outcome: Any, title: str, written: dict[str, int]) -> None:
    import pandas as pd

    print(title)
    for sentence in summary_lines(outcome):
        print(f"  {sentence}")
    with pd.option_context("display.width", 160, "display.max_columns", 12,
                           "display.max_colwidth", WIDTH):
        if len(outcome.table):
            print(f"\n{len(outcome.table):,} rows; first {min(ROWS_SHOWN, len(outcome.table))}:")
            rows = shown_frame(outcome, outcome.table, ROWS_SHOWN).map(_cut)
            print(rows.to_string(index=False))
        if outcome.detail is not None:
            print(f"\n{outcome.detail_title}:")
            detail = shown_frame(outcome, outcome.detail)
            print(detail.map(_cut).to_string(index=False) if len(detail) else "  (none)")
    print("\nDetails:")
    for line in detail_lines(outcome):
        print(f"  {line}")
    for kind, count in written.items():
        print(f"stored {count:,} {kind}")


def summary_lines(outcome: Any) -> list[str]:
    """The summary sentences and the model quality in words (English)."""
    formats = EnglishFormats(outcome.currency)
    names = getattr(outcome, "names", None)
    lines = [render(s, formats=formats, names=names) for s in outcome.summary]
    for note in outcome.notes.values():
        level = render(Sentence(f"level:{note.level}"))
        lines.append(english(Sentence("format:quality_line",
                                      (level, english(note.words, outcome.currency)))))
    return lines


def detail_lines(outcome: Any) -> Iterable[str]:
    """"figure  value  (what it means)" per quality figure."""
    from crm_desktop.services.insights.phrasebook import figure_meaning

    width = max((len(k) for k in outcome.quality), default=0)
    for key, value in outcome.quality.items():
        shown = f"{value:,.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else value
        if (outcome.columns or {}).get(key) == "money" and isinstance(value, int | float):
            shown = cell_text("money", value, formats=EnglishFormats(outcome.currency))
        meaning = figure_meaning(key)
        line = f"{key:<{width}}  {shown}"
        if key in outcome.notes:
            line += f"  ({english(outcome.notes[key].words, outcome.currency)})"
        if meaning:
            line += f"  - {english(Sentence(f'figure:{meaning}'))}"
        yield line


def json_rows(outcome: Any, limit: int) -> list[dict[str, Any]]:
    """The first rows as JSON objects: the raw values plus, for each reasons column, the
    reasons as English sentences, and for each segment column its name (``label_name``)."""
    kinds = outcome.columns or {}
    names = getattr(outcome, "names", None)
    rows: list[dict[str, Any]] = []
    for record in outcome.table.head(limit).to_dict("records"):
        row = {str(k): _plain(v) for k, v in record.items()}
        for column, kind in kinds.items():
            if kind == "reasons" and column in row:
                book = getattr(outcome, "reasons", None)
                said = book.sentences(record.get(column)) if book is not None else []
                row[column] = [english(s, outcome.currency) for s in said]
            elif kind == "segment" and column in row and row[column] is not None:
                # the key stays for scripts; its name (the user's, else the English one) beside
                row[f"{column}_name"] = cell_text(kind, row[column], names=names)
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    import math

    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
