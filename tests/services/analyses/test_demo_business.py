"""Demo data that looks like a small business today (issue 11): a few tasks due today and
overdue per owner whatever the number of customers, and a churn rate and high-risk share an
owner would recognise, with a churn model that still finds the signal. (Before: about 760
tasks due today at 20,000 customers, a base rate of 55% and 48% of customers "high risk".)"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.storage.database import Database, open_database
from crm_desktop.storage.demo.generate import generate
from crm_desktop.storage.demo.pools import OWNERS

NOW = datetime(2025, 6, 1)
CUSTOMERS = 2000
CHURNED = (0.10, 0.20)  # share of the buyers with no order in the 180 days of the window
HIGH_RISK = (0.05, 0.15)  # share of the scored customers with a churn probability >= 0.5


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = open_database(tmp_path_factory.mktemp("business") / "demo.db")
    generate(database, CUSTOMERS, seed=0, now=NOW)
    yield database
    database.close()


def _open_tasks(path: Path, low: datetime, high: datetime) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute(
            "SELECT owner, count(*) FROM interactions WHERE kind = 'task' AND NOT done"
            " AND due_at >= ? AND due_at < ? GROUP BY owner", (str(low), str(high))).fetchall())


def test_a_few_tasks_due_today_and_overdue_per_owner(demo):
    today = _open_tasks(demo.path, NOW, NOW + timedelta(days=1))
    assert set(today) <= set(OWNERS) and len(today) >= 4
    assert all(1 <= n <= 5 for n in today.values()), today
    overdue = _open_tasks(demo.path, datetime(2000, 1, 1), NOW)
    assert overdue and all(n <= 10 for n in overdue.values()), overdue
    later = _open_tasks(demo.path, NOW + timedelta(days=1), NOW + timedelta(days=60))
    assert sum(later.values()) > sum(today.values())  # the rest is planned for later


def test_more_customers_do_not_mean_more_tasks_due_today(tmp_path):
    """The number follows the owners (six), not the customers."""
    database = open_database(tmp_path / "more.db")
    try:
        generate(database, 3 * CUSTOMERS, seed=1, now=NOW)
    finally:
        database.close()
    today = _open_tasks(tmp_path / "more.db", NOW, NOW + timedelta(days=1))
    assert all(n <= 5 for n in today.values()) and sum(today.values()) <= 5 * len(OWNERS)


def test_churn_rate_and_high_risk_share_are_those_of_a_real_business(demo):
    outcome = run_analysis(demo, "churn", {"horizon_days": 180})
    base_rate = float(outcome.quality["base_rate"])
    assert CHURNED[0] <= base_rate <= CHURNED[1], base_rate
    bands = outcome.detail.set_index("risk")
    assert bands["customers"].sum() == len(outcome.table)
    high = float(bands.loc["high", "share"])
    assert HIGH_RISK[0] <= high <= HIGH_RISK[1], high
    chosen = outcome.quality["chosen_model"]
    assert float(outcome.quality[f"AUC ({chosen})"]) > 0.7  # still signal to find
