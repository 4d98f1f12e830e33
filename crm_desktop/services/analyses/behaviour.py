"""What sells together (association rules over paid orders, and over customers' needs) and
unusual buying (customers whose buying changed sharply), as analyses.

basket: one row per rule (antecedent, consequent as product names joined by " + ", support,
confidence, lift, orders); the detail holds the needs that come up together; Apply stores,
per customer, the products they are likely to buy next and have not bought (result kind
``next_products``: value = the best suggestion's confidence x lift, label = its product,
details = products, product_ids, because).

anomalies: one row per flagged customer (customer_id, name, severity, reason_key, reason:
English words, reasons: every structured reason); Apply stores the flags (result kind
``anomaly``: value = severity, label = the main reason's key, details = reasons and keys).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.steps import DETAIL_ROWS, Steps, load, need

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database

BASKET_COLUMNS = ("antecedent", "consequent", "support", "confidence", "lift", "orders",
                  "antecedent_ids", "consequent_ids")
ANOMALY_COLUMNS = ("customer_id", "name", "severity", "reason_key", "reason", "reasons")
NEXT_KIND = "next_products"
ANOMALY_KIND = "anomaly"


def _names(items: Any) -> str:
    return " + ".join(str(i) for i in items)


def _ids(items: Any) -> str:
    return ",".join(str(int(i)) for i in items)


def _rule_table(rules: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({
        "antecedent": rules["antecedent"].map(_names), "consequent": rules["consequent"].map(
            _names),
        "support": rules["support"].astype(float).round(4),
        "confidence": rules["confidence"].astype(float).round(4),
        "lift": rules["lift"].astype(float).round(3), "orders": rules["count"].astype(int),
        "antecedent_ids": rules["antecedent_ids"].map(_ids),
        "consequent_ids": rules["consequent_ids"].map(_ids),
    }, columns=list(BASKET_COLUMNS))


def _suggestions(next_up: pd.DataFrame) -> pd.DataFrame:
    """One row per customer: best score and product, and every suggestion in order."""
    import pandas as pd

    if next_up.empty:
        return pd.DataFrame(columns=["customer_id", "score", "product", "products",
                                     "product_ids", "because"])
    grouped = next_up.groupby("customer_id", sort=False)
    return pd.DataFrame({
        "score": grouped["score"].first().round(4),
        "product": grouped["product_name"].first(),
        "products": grouped["product_name"].agg(list),
        "product_ids": grouped["product_id"].agg(lambda s: [int(i) for i in s]),
        "because": grouped["because"].agg(lambda s: [_names(b) for b in s]),
    }).rename_axis("customer_id").reset_index()


def run_basket(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import basket

    f = load(database, steps, "orders", "order_lines", "customers")
    paid = f["orders"][f["orders"]["status"] == "paid"]
    lines = f["order_lines"][f["order_lines"]["order_id"].isin(paid["id"])]
    need(int(lines["order_id"].nunique()), 20, "what sells together needs paid orders with "
                                               "products")
    support = float(params["min_support_pct"]) / 100
    confidence = float(params["min_confidence_pct"]) / 100
    steps.at(0.32, "Counting products bought together")
    found = basket.product_rules(lines, min_support=support, min_confidence=confidence,
                                 n_orders=len(paid), progress=steps.sub(0.32, 0.7),
                                 cancelled=steps.cancelled)
    table = _rule_table(found.rules)
    steps.at(0.72, "Suggestions per customer")
    next_up = basket.next_products(lines, found, progress=steps.sub(0.72, 0.85),
                                   cancelled=steps.cancelled)
    suggestions = _suggestions(next_up)
    steps.at(0.86, "Needs that come up together")
    detail, needs_note = _need_rules(f["customers"], steps)
    pairs = table[table["antecedent"].str.count(r" \+ ") == 0]
    quality: dict[str, float | str] = {
        "orders": len(paid), "orders_with_2+_products": int(
            (lines.groupby("order_id")["product_id"].nunique() >= 2).sum()),
        "min_support": num(support), "min_confidence": num(confidence),
        "rules": len(table), "product_pairs": len(pairs),
        "top_lift": num(table["lift"].max()) if len(table) else "n/a",
        "customers_with_suggestions": len(suggestions),
        "support": "share of paid orders holding every product of the rule",
        "needs": needs_note,
    }
    top = table.head(12)
    chart = Chart("barh", [f"{a} → {c}" for a, c in zip(top["antecedent"], top["consequent"],
                                                      strict=True)][::-1],
                  top["lift"].astype(float).tolist()[::-1], "What sells together (lift)",
                  "Lift", "")
    results: list[Any] = [(NEXT_KIND, suggestions, "score", "product",
                           ("products", "product_ids", "because"))] if len(suggestions) else []
    return AnalysisOutcome("basket", quality, table, chart, results,
                           detail=detail, detail_title="Needs that come up together")


def _need_rules(customers: pd.DataFrame, steps: Steps) -> tuple[pd.DataFrame, str]:
    import pandas as pd

    from crm_desktop.analytics import basket

    written = customers[customers["needs"].fillna("").astype(str).str.strip() != ""]
    if len(written) < 20:
        return pd.DataFrame(columns=["needs", "also_needs", "support", "confidence",
                                     "lift"]), f"n/a ({len(written)} customers with needs)"
    rules = basket.need_rules(written, progress=steps.sub(0.86, 0.97),
                              cancelled=steps.cancelled).rules
    detail = pd.DataFrame({
        "needs": rules["antecedent"].map(_names), "also_needs": rules["consequent"].map(_names),
        "support": rules["support"].astype(float).round(4),
        "confidence": rules["confidence"].astype(float).round(4),
        "lift": rules["lift"].astype(float).round(3)}).head(DETAIL_ROWS)
    return detail, f"{len(rules)} rules over {len(written)} customers' needs"


# ------------------------------------------------------------------------------ anomalies
def reason_text(reason: tuple[Any, ...]) -> str:
    """One structured reason of analytics.anomalies in English words (the UI translates the
    key with the numbers instead)."""
    key = reason[0]
    if key == "gap_vs_usual":
        return f"no order for {reason[1]:.0f} days (usually every {reason[2]:.0f} days)"
    if key == "order_size_drop":
        return f"orders shrank to {reason[1]:,.2f} on average (usually {reason[2]:,.2f})"
    if key == "order_size_rise":
        return f"orders grew to {reason[1]:,.2f} on average (usually {reason[2]:,.2f})"
    if key == "mix_shift":
        return f"buys less {reason[1] or '(no category)'}, more {reason[2] or '(no category)'}"
    return " ".join(str(part) for part in reason)


def run_anomalies(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import anomalies
    from crm_desktop.analytics.features import as_of_date

    f = load(database, steps, "customers", "orders", "order_lines")
    need(int((f["orders"]["status"] == "paid").sum()), 50,
         "unusual buying needs paid orders")
    try:
        found = anomalies.buying_anomalies(f["orders"], f["order_lines"], f["customers"],
                                           as_of=as_of_date(f["orders"]),
                                           progress=steps.sub(0.3, 0.9),
                                           cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"anomalies: {error}") from error
    flagged = found.flagged
    reasons = flagged["reasons"]
    table = pd.DataFrame({
        "customer_id": flagged["customer_id"].astype(int),
        "name": flagged["name"].astype(object),
        "severity": flagged["severity"].astype(float).round(2),
        "reason_key": [r[0][0] for r in reasons],
        "reason": ["; ".join(reason_text(r) for r in rs) for rs in reasons],
        "reasons": [[list(r) for r in rs] for rs in reasons],
    }, columns=list(ANOMALY_COLUMNS))
    keys = found.details["key"].value_counts()
    detail = pd.DataFrame({"reason": keys.index.astype(str), "customers": keys.astype(int)
                           .to_numpy()})
    measured = len(found.measures)
    quality: dict[str, float | str] = {
        "as_of": str(found.as_of.date()), "customers_measured": measured,
        "flagged": len(table), "flagged_share": num(len(table) / measured if measured else None),
        **{f"reason {k}": int(v) for k, v in keys.items()},
        "rule": "p < 0.001 against the customer's own history, a practical size, and beyond "
                "2 robust z against similar customers",
    }
    chart = Chart("bar", detail["reason"].tolist(), detail["customers"].astype(float).tolist(),
                  "Customers with unusual buying, by reason", "", "Customers")
    stored = table.assign(keys=[[r[0] for r in rs] for rs in reasons])
    results: list[Any] = [(ANOMALY_KIND, stored, "severity", "reason_key",
                           ("reasons", "keys", "reason"))] if len(table) else []
    return AnalysisOutcome("anomalies", quality, table, chart, results,
                           detail=detail, detail_title="Flagged customers per reason")
