"""Collects the texts the analyses show (figure names, columns, titles, axis labels, labels such
as segment names and risk bands) by running every analysis on demo data, and writes them into
crm_desktop/ui/analytics/analysis_texts.py as QT_TRANSLATE_NOOP("analysis", ...) entries, so
lupdate extracts them and the Analytics page can translate them (frame_model.analysis_text).

    .venv/bin/python scripts/analysis_texts.py [--customers 1500]

Run it when an analysis gains or renames a text, then scripts/update_translations.sh.
tests/i18n/test_analysis_texts.py fails when an analysis shows a text the catalogue lacks.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CATALOGUE = ROOT / "crm_desktop" / "ui" / "analytics" / "analysis_texts.py"
from crm_desktop.services.insights.render import segment_name  # noqa: E402
from crm_desktop.ui.analytics.label_columns import LABEL_COLUMNS  # noqa: E402

# A text the data made (a date, a figure, a campaign's or product's name, a theme's words, a
# rule's note) is not a label to translate.
_DATA = re.compile(r"\d{4}-\d\d|\d{4}Q\d|\b(19|20)\d\d$|: \d+$|\d\.\d|^\d+ | → | / |; |#\d")


def _wordy(text: str) -> bool:
    return any(char.isalpha() for char in text) and not _DATA.search(text) and \
        not any("\u4e00" <= char <= "\u9fff" for char in text)


def _labels(frame: Any) -> Iterator[str]:
    """Column names, and the values of the label columns (segment names, risk bands, ...)."""
    for name in frame.columns:
        yield str(name).replace("_", " ")
        if str(name) in LABEL_COLUMNS:
            yield from frame[name].dropna().astype(str).unique()


def outcome_texts(outcome: Any) -> set[str]:
    """Every text of an AnalysisOutcome the Analytics page passes through analysis_text."""
    texts: list[str] = [outcome.detail_title]
    for key, value in outcome.quality.items():
        texts.append(key.replace("_", " "))
        if isinstance(value, str):
            texts.append(value)
    texts += _labels(outcome.table)
    if outcome.detail is not None:
        texts += _labels(outcome.detail)
    if outcome.chart is not None:
        chart = outcome.chart
        texts += [chart.title, chart.xlabel, chart.ylabel, *map(str, chart.series)]
        texts += [str(x) for x in chart.x if isinstance(x, str) and len(chart.x) <= 40]
    texts += [spec[0] for spec in outcome.results]
    # Segment name keys ("frequent_buyers_2") are shown through the insights phrasebook
    # (services.insights.render.segment_name, context "insights"), not through analysis_text.
    return {text for text in texts if text and _wordy(text) and segment_name(text) == text}


def collect(customers: int, names: Iterable[str] | None = None) -> set[str]:
    from crm_desktop.services.analyses.parameters import CHOICES, NAMES
    from crm_desktop.services.analyses.run import run_analysis
    from crm_desktop.storage.database import open_database
    from crm_desktop.storage.demo.generate import generate

    # the choices (model names...) an outcome may name, whichever the data made it pick
    texts = {value for values in CHOICES.values() for value in values if _wordy(value)}
    # the reasons of unusual buying (analytics/anomalies.py), as keys and as columns
    for key in ("gap_vs_usual", "order_size_drop", "order_size_rise", "mix_shift"):
        texts |= {key, "reason " + key.replace("_", " ")}
    # what an analysis left out for being in another currency (demo data has one currency)
    from crm_desktop.services.analyses.currencies import QUALITY_NAMES

    texts |= set(QUALITY_NAMES.values())
    # the churn chart's title names the model the data made it choose (services/analyses/models)
    texts |= {"Churn drivers (logistic: coefficient per SD; + raises risk)",
              "Churn drivers (random_forest: importance)"}
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "demo.db")
        try:
            generate(database, customers=customers, seed=7)
            for name in names or NAMES:
                variants = [{}]
                if name == "segments":
                    variants.append({"method": "dbscan"})
                if name == "tickets":
                    variants += [{"theme_method": "nmf"}, {"text_source": "needs"}]
                if name == "kpis":
                    variants.append({"period": "quarter"})
                for params in variants:
                    texts |= outcome_texts(run_analysis(database, name, params))
                print(f"{name}: {len(texts)} texts so far", file=sys.stderr)
        finally:
            database.close()
    return texts


def write(texts: set[str]) -> None:
    lines = "\n".join(f"    QT_TRANSLATE_NOOP(\"analysis\", {text!r})," for text in sorted(texts))
    CATALOGUE.write_text(f'''"""The texts the analyses show (generated by scripts/analysis_texts.py: do not edit by hand).

The analyses run without Qt, in the background process, and return English texts (figure names,
columns, titles, labels); the Analytics page translates them where it shows them
(`frame_model.analysis_text`, context "analysis"). Listing them here is what lets lupdate
extract them.
"""

from __future__ import annotations

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

TEXTS = frozenset((
{lines}
))
''', encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1500)
    args = parser.parse_args()
    texts = collect(args.customers)
    write(texts)
    print(f"{CATALOGUE.relative_to(ROOT)}: {len(texts)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
