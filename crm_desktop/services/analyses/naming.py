"""Rows name their customers: a result table with a ``customer_id`` column gets a ``customer``
column beside it ("Li Wei (Acme Ltd)"), so that the page and the command line show who, not a
number. The id stays (the page hides it and opens the customer from it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.services.analyses.outcome import AnalysisOutcome
    from crm_desktop.services.analyses.steps import Steps
    from crm_desktop.storage.database import Database

NAME_COLUMN = "customer"


def customer_names(customers: pd.DataFrame) -> pd.Series:
    """id -> "name (company)" (just the name for a customer without a company)."""
    import pandas as pd

    names = customers["name"].fillna("").astype(str).to_numpy(dtype=object)
    if "company_name" not in customers:
        return pd.Series(names, index=customers["id"].to_numpy(), dtype=object)
    companies = customers["company_name"].fillna("").astype(str).to_numpy(dtype=object)
    # A loop over plain str objects: pandas' string arithmetic checks every value for missing
    # ones and took a second of an RFM run at 80,000 customers; this takes a few milliseconds.
    shown = [f"{name} ({company})" if company else name
             for name, company in zip(names, companies, strict=True)]
    return pd.Series(shown, index=customers["id"].to_numpy(), dtype=object)


def name_rows(table: pd.DataFrame, names: pd.Series) -> pd.DataFrame:
    """``table`` with a ``customer`` column right after ``customer_id`` (unchanged when it has
    no customer_id or already names its rows)."""
    if "customer_id" not in table.columns or NAME_COLUMN in table.columns:
        return table
    at = list(table.columns).index("customer_id") + 1
    named = table.copy()
    named.insert(at, NAME_COLUMN, table["customer_id"].map(names).fillna("").to_numpy())
    return named


NAME_COLUMNS = ("id", "name", "company_name")  # what naming reads of the customers frame


def name_outcome(database: Database, outcome: AnalysisOutcome, steps: Steps) -> None:
    """Add the customers' names to the outcome's table and detail (when they have ids)."""
    tables = [outcome.table] + ([outcome.detail] if outcome.detail is not None else [])
    if not any("customer_id" in t.columns for t in tables):
        return
    from crm_desktop.storage import frames

    wanted = list(NAME_COLUMNS)
    customers = (steps.frames.get("customers", wanted) if steps.frames is not None
                 else frames.customers(database, wanted))
    names = customer_names(customers)
    outcome.table = name_rows(outcome.table, names)
    if outcome.detail is not None:
        outcome.detail = name_rows(outcome.detail, names)
    if outcome.columns:
        outcome.columns.setdefault(NAME_COLUMN, "name")
        outcome.columns.setdefault("customer_id", "customer")
