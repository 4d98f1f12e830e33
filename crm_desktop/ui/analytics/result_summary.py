"""The words above a result: its summary (two or three sentences and the model's quality in
words), and the Details table of technical figures with a line saying what each means."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from crm_desktop.services.insights.phrasebook import figure_meaning
from crm_desktop.services.insights.render import Sentence
from crm_desktop.ui.analytics.insight_text import sentence_text


def summary_html(outcome: Any) -> str:
    """The summary sentences as one paragraph, the quality in words on a line of its own
    ("" for a result without a summary)."""
    currency = getattr(outcome, "currency", "USD")
    names = getattr(outcome, "names", None)
    sentences = [sentence_text(s, currency, names) for s in getattr(outcome, "summary", [])]
    if not sentences:
        return ""
    text = f"<p style='font-size: 11pt'>{html.escape(' '.join(sentences))}</p>"
    for note in getattr(outcome, "notes", {}).values():
        level = sentence_text(Sentence(f"level:{note.level}"))
        line = sentence_text(Sentence("format:quality_line",
                                      (level, sentence_text(note.words, currency))))
        text += f"<p>{html.escape(line)}</p>"
    return text


def fill_details(table: QTableWidget, outcome: Any) -> None:
    """Figure, value and what it means (with the quality in words where there is some)."""
    from crm_desktop.ui.analytics.frame_model import analysis_text, format_value

    currency = getattr(outcome, "currency", "USD")
    notes = getattr(outcome, "notes", {})
    table.setRowCount(len(outcome.quality))
    from crm_desktop.ui.analytics.insight_text import LocaleFormats, cell

    kinds = getattr(outcome, "columns", None) or {}
    for row, (key, value) in enumerate(outcome.quality.items()):
        shown = analysis_text(value) if isinstance(value, str) else format_value(value)
        if kinds.get(key) == "money" and isinstance(value, int | float):
            shown = cell("money", value, LocaleFormats(currency))  # with the currency
        table.setItem(row, 0, QTableWidgetItem(analysis_text(key.replace("_", " "))))
        item = QTableWidgetItem(shown)
        item.setToolTip(shown)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, 1, item)
        parts = []
        if key in notes:
            parts.append(sentence_text(notes[key].words, currency))
        meaning = figure_meaning(key)
        if meaning:
            parts.append(sentence_text(Sentence(f"figure:{meaning}")))
        said = QTableWidgetItem(" — ".join(parts))
        said.setToolTip(" — ".join(parts))
        table.setItem(row, 2, said)
