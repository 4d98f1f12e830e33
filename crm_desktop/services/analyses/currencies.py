"""Analyses never add money of different currencies (there is no exchange-rate table).

The rule: an analysis that sums or compares amounts (key figures, RFM, behaviour segments,
churn, propensity, lifetime value, the sales forecast, campaign response) runs in ONE currency,
the one most orders are in (as the dashboard's revenue chart: ``dashboard_money.usual_currency``;
without orders, the one most deals are in, else the database's default). Orders and deals in
any other currency are left out before the analysis sees them; campaigns whose cost is in
another currency keep their response figures but show no cost, revenue or ROI. The result says
so in its summary ("Amounts are in USD: 12 orders in other currencies were left out."), and
shows every money figure with that currency's sign (``AnalysisOutcome.currency``).

A database with one currency (the usual case) is left exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crm_desktop.services.insights.render import Sentence

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database
    from crm_desktop.storage.order_sums import OrdersOverview

# The frames whose amounts carry a currency of their own.
MONEY_FRAMES = ("orders", "opportunities")
# A campaign's money figures (analytics.campaigns.campaign_performance): shown only for
# campaigns whose cost is in the analysis' currency.
CAMPAIGN_MONEY = ("cost", "revenue", "cost_per_response", "cost_per_conversion", "roi")


@dataclass(frozen=True)
class LeftOut:
    """The analysis' currency and what was left out for being in another one."""

    currency: str
    orders: int = 0
    customers: int = 0  # customers whose every order was in another currency
    deals: int = 0
    campaigns: int = 0

    def sentences(self) -> list[Sentence]:
        """What the summary says about it (nothing when nothing was left out)."""
        said = []
        if self.orders:
            said.append(Sentence("summary:other_currency_orders", (self.orders, self.currency)))
        if self.customers:
            said.append(Sentence("summary:other_currency_customers", (self.customers,)))
        if self.deals:
            said.append(Sentence("summary:other_currency_deals", (self.deals, self.currency)))
        if self.campaigns:
            said.append(Sentence("summary:other_currency_campaigns",
                                 (self.campaigns, self.currency)))
        return said

    def quality(self) -> dict[str, float | str]:
        """The same as figures of the result's Details (none when nothing was left out)."""
        if not (self.orders or self.customers or self.deals or self.campaigns):
            return {}
        figures: dict[str, float | str] = {QUALITY_NAMES["currency"]: self.currency}
        for name in ("orders", "customers", "deals", "campaigns"):
            count = getattr(self, name)
            if count:
                figures[QUALITY_NAMES[name]] = count
        return figures


# The Details figures of what was left out (scripts/analysis_texts.py lists them for the
# translation: demo data has one currency, so no run shows them).
QUALITY_NAMES = {
    "currency": "currency of the amounts",
    "orders": "orders in other currencies (left out)",
    "customers": "customers buying only in other currencies (left out)",
    "deals": "deals in other currencies (left out)",
    "campaigns": "campaigns with costs in other currencies (no ROI)",
}


def _usual(frame: pd.DataFrame | None) -> str | None:
    if frame is None or "currency" not in frame.columns or not len(frame):
        return None
    codes = frame["currency"].to_numpy(dtype=object)
    first = codes[0]
    if isinstance(first, str) and not (codes != first).any():
        return first.upper()  # one currency (the usual case): one comparison, no counting
    import pandas as pd

    counts = pd.Series(codes, dtype=object).value_counts()  # NaN/None left out
    counts = counts.groupby([str(c).upper() for c in counts.index]).sum()  # a few codes
    if not len(counts):
        return None
    # The most rows; between equals, the first code alphabetically (the same on every run).
    return str(sorted(counts[counts == counts.max()].index)[0])


def analysis_currency(frames: dict[str, pd.DataFrame], database: Database | None) -> str:
    """The currency most orders are in, else most deals, else the database's default."""
    from crm_desktop.services.analyses.explained import currency

    return _usual(frames.get("orders")) or _usual(frames.get("opportunities")) \
        or currency(database)


def one_currency(frames: dict[str, pd.DataFrame], database: Database | None,
                 ) -> tuple[dict[str, pd.DataFrame], LeftOut]:
    """``frames`` with the orders and deals of other currencies left out (with the order lines
    of those orders; campaign members' revenue summed again from the orders kept), and what
    was left out. Frames without a
    currency column are returned as they are."""
    import numpy as np

    code = analysis_currency(frames, database)
    kept = dict(frames)
    counts: dict[str, Any] = {}
    for name in MONEY_FRAMES:
        frame = frames.get(name)
        if frame is None or "currency" not in frame.columns:
            continue
        other = _other(frame, code)
        if other.any():
            kept[name] = frame[~other].reset_index(drop=True)
            counts[name] = int(other.sum())
            if name == "orders" and "customer_id" in frame.columns:
                before = frame["customer_id"].dropna().unique()
                after = kept[name]["customer_id"].dropna().unique()
                counts["customers"] = int(len(np.setdiff1d(before, after)))
    lines, orders = frames.get("order_lines"), frames.get("orders")
    if lines is not None and "orders" in counts and orders is not None and "id" in orders \
            and "order_id" in lines.columns:
        kept["order_lines"] = lines[lines["order_id"].isin(kept["orders"]["id"]).to_numpy()
                                    ].reset_index(drop=True)
    members = frames.get("campaign_members")
    if members is not None and "orders" in counts and "campaign_id" in kept["orders"].columns:
        kept["campaign_members"] = member_revenue(members, kept["orders"])
    campaigns = frames.get("campaigns")
    if campaigns is not None and "currency" in campaigns.columns:
        counts["campaigns"] = int(_other(campaigns, code).sum())
    return kept, LeftOut(code, counts.get("orders", 0), counts.get("customers", 0),
                         counts.get("opportunities", 0), counts.get("campaigns", 0))


def _other(frame: pd.DataFrame, code: str) -> Any:
    """A boolean array: the rows whose currency is known and not ``code``. The codes are
    compared as numpy objects and only the rows that differ are looked at again (upper-cased):
    pandas' string columns took 0.3 s to count 330,000 orders, this some 25 ms."""
    import numpy as np
    import pandas as pd

    codes = frame["currency"].to_numpy(dtype=object)
    differ = codes != code
    if not differ.any():
        return differ
    odd = pd.Series(codes[differ], dtype=object)
    others = [c for c in odd.dropna().unique() if str(c).upper() != code]  # a few codes
    known = odd.isin(others).to_numpy()
    other = np.zeros(len(codes), dtype=bool)
    other[np.flatnonzero(differ)[known]] = True
    return other


def member_revenue(members: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Campaign members with their revenue summed from ``orders`` (those attributed to the
    campaign: the storage frame's rule, over the orders an analysis keeps)."""
    import pandas as pd

    attributed = orders[orders["campaign_id"].notna()]
    revenue = attributed.groupby(["campaign_id", "customer_id"])["amount"].sum()
    keys = pd.MultiIndex.from_arrays([members["campaign_id"], members["customer_id"]])
    values = revenue.reindex(keys).fillna(0.0).to_numpy()
    return members.assign(revenue=values)


def campaign_money(table: pd.DataFrame, campaigns: pd.DataFrame, code: str) -> pd.DataFrame:
    """The campaign table (campaign_id, ...) without money figures for the campaigns whose
    cost is in another currency than ``code``."""
    if "currency" not in campaigns.columns or "campaign_id" not in table.columns:
        return table
    other_ids = set(campaigns.loc[_other(campaigns, code), "id"].tolist())
    if not other_ids:
        return table
    hidden = table["campaign_id"].isin(other_ids).to_numpy()
    out = table.copy()
    for column in CAMPAIGN_MONEY:
        if column in out.columns:
            out[column] = out[column].astype(float)
            out.loc[hidden, column] = float("nan")
    return out


def order_currency(database: Database, frames: dict[str, pd.DataFrame],
                   ) -> tuple[dict[str, pd.DataFrame], LeftOut, OrdersOverview]:
    """:func:`one_currency` for an analysis that reads the orders as sums in SQL (the key
    figures): the currency most orders are in counted in SQL (else most deals, else the
    database's), the deals of other currencies left out of ``frames``, and the orders and
    customers of other currencies counted in SQL."""
    from crm_desktop.storage import order_sums

    overview = order_sums.orders_overview(database)
    counts: dict[str, int] = {}
    for stored, count in overview.currencies.items():
        counts[stored.upper()] = counts.get(stored.upper(), 0) + count
    most = max(counts.values(), default=0)
    found = min((c for c, n in counts.items() if n == most), default=None) \
        or _usual(frames.get("opportunities"))
    if found is None:
        from crm_desktop.services.analyses.explained import currency

        found = currency(database)
    code = found
    kept = dict(frames)
    deals = 0
    opportunities = frames.get("opportunities")
    if opportunities is not None and "currency" in opportunities.columns:
        other = _other(opportunities, code)
        if other.any():
            kept["opportunities"] = opportunities[~other].reset_index(drop=True)
            deals = int(other.sum())
    orders, customers = order_sums.other_currencies(database, code) if counts else (0, 0)
    return kept, LeftOut(code, orders, customers, deals), overview


def load_one_currency(database: Database | None, steps: Any, *names: str,
                      columns: dict[str, tuple[str, ...]] | None = None,
                      ) -> tuple[dict[str, pd.DataFrame], LeftOut]:
    """``steps.load`` the named frames, then :func:`one_currency`."""
    from crm_desktop.services.analyses.steps import load

    return one_currency(load(database, steps, *names, columns=columns), database)
