"""Text themes: the method (k-means / NMF), the number of themes and the source (tickets or
customers' needs) are parameters of the "tickets" analysis (the page's controls and the CLI
flags: tests/cli/test_cli_themes.py).

The needs are hand-made: six customers want office supplies in bulk, six a warehouse
integration, two wrote nothing; customers are created in January (the first five) or February.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from crm_desktop.services.analyses.parameters import AnalysisError, check_params
from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.services.analyses.steps import Steps
from crm_desktop.services.analyses.themes import run_tickets
from tests.conftest import demo_database_file

SUPPLIES = ["buys office supplies in bulk", "bulk office supplies every month",
            "office supplies, bulk discount please", "wants bulk office supplies",
            "orders office supplies in bulk", "office paper and supplies in bulk"]
WAREHOUSE = ["needs warehouse integration", "warehouse system integration",
             "integration with our warehouse", "asks for a warehouse integration",
             "custom warehouse integration", "warehouse integration via API"]


class Frames:
    def __init__(self, **frames: pd.DataFrame) -> None:
        self.frames = frames

    def get(self, name: str, columns: list[str] | None = None) -> pd.DataFrame:
        frame = self.frames[name]
        return frame if columns is None else frame[list(columns)]


def customers(created: bool = True) -> pd.DataFrame:
    needs = [*SUPPLIES, *WAREHOUSE, "", None]
    ids = list(range(101, 101 + len(needs)))
    when = [pd.Timestamp("2024-01-15") if i < 5 else pd.Timestamp("2024-02-15")
            for i in range(len(needs))]
    return pd.DataFrame({"id": ids, "name": [f"C{i}" for i in ids], "needs": needs,
                         "created_at": when if created else pd.NaT})


def needs_themes(method: str = "kmeans", created: bool = True):
    params = check_params({"text_source": "needs", "theme_method": method, "themes": 2})
    return run_tickets(None, params, Steps(None, None, Frames(customers=customers(created))))


@pytest.mark.parametrize("method", ["kmeans", "nmf"])
def test_needs_themes_list_each_customer_with_its_theme(method):
    outcome = needs_themes(method)
    table = outcome.table
    assert list(table.columns) == ["customer_id", "name", "theme", "theme_name", "needs"]
    assert sorted(table["customer_id"]) == list(range(101, 113))  # the two blanks left out
    theme = table.set_index("customer_id")["theme"]
    # One theme per kind of need: the supplies customers share one, the warehouse ones another.
    assert theme.loc[101:106].nunique() == 1 and theme.loc[107:112].nunique() == 1
    assert theme.loc[101] != theme.loc[107]
    assert "supplies" in table.set_index("customer_id").loc[101, "theme_name"]
    q = outcome.quality
    assert q["source"] == "customers' needs" and q["customers"] == 12
    assert q["method"] == {"kmeans": "k-means", "nmf": "NMF"}[method]
    assert q["themes"] == 2 and q["themes_chosen"] == "as set"
    assert q["over_time"] == "by the customer's created_at"
    summary = outcome.detail
    assert list(summary.columns) == ["theme", "name", "customers", "share", "top_terms"]
    assert summary["customers"].tolist() == [6, 6] and summary["share"].tolist() == [0.5, 0.5]
    chart = outcome.chart
    assert chart.x == ["2024-01", "2024-02"] and chart.y == [5.0, 7.0]
    assert sorted(map(sorted, zip(*chart.series.values(), strict=True))) == [[0, 5], [1, 6]]


def test_needs_without_creation_dates_say_there_is_no_over_time():
    outcome = needs_themes(created=False)
    assert outcome.quality["over_time"] == "n/a (no creation dates)"
    assert outcome.chart.x == [] and len(outcome.table) == 12


def test_too_few_needs_or_too_many_themes_are_one_line():
    few = Frames(customers=customers().head(5))
    with pytest.raises(AnalysisError, match="needs themes need customers with needs"):
        run_tickets(None, check_params({"text_source": "needs"}), Steps(None, None, few))
    many = check_params({"text_source": "needs", "themes": 12})
    with pytest.raises(AnalysisError, match="12 themes need more texts"):
        run_tickets(None, many, Steps(None, None, Frames(customers=customers())))
    for bad in ({"themes": 1}, {"themes": 21}, {"theme_method": "dbscan"},
                {"text_source": "notes"}):
        with pytest.raises(AnalysisError):
            check_params(bad)


@pytest.fixture(scope="module")
def demo(tmp_path_factory, template_db):
    return demo_database_file(tmp_path_factory, template_db, "tickets", 300, 5)


def test_ticket_themes_follow_the_method_and_number(demo):
    from crm_desktop.storage.database import open_database

    database = open_database(demo)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            auto = run_analysis(database, "tickets")
            nmf = run_analysis(database, "tickets", {"theme_method": "nmf", "themes": 4})
            needs = run_analysis(database, "tickets", {"text_source": "needs"})
    finally:
        database.close()
    assert auto.quality["method"] == "k-means" and auto.quality["themes_chosen"].startswith("by")
    assert isinstance(auto.quality["silhouette"], float)
    assert nmf.quality["method"] == "NMF" and nmf.quality["themes_chosen"] == "as set"
    assert 2 <= nmf.quality["themes"] <= 4 and len(nmf.table) == nmf.quality["themes"]
    assert nmf.table["tickets"].sum() == auto.quality["tickets"]
    assert nmf.detail_title.startswith("Weeks with unusual ticket volume")
    assert needs.quality["source"] == "customers' needs"
    assert len(needs.table) == needs.quality["customers"] and "customer_id" in needs.table
