"""Customer lifetime value: BG/NBD purchases and Gamma-Gamma order values, discounted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import hist_chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.currencies import load_one_currency
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.steps import Steps, need

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database


# The columns lifetime value reads. Empty: whole frames (a test compares the two).
CLV_COLUMNS: dict[str, tuple[str, ...]] = {
    "orders": ("customer_id", "ordered_at", "amount", "currency", "status")}


def run_clv(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import clv
    from crm_desktop.analytics.features import as_of_date, paid_orders
    from crm_desktop.analytics.summaries import clv_summary
    from crm_desktop.services.insights.summary import clv_sentences

    f, left = load_one_currency(database, steps, "orders", columns=CLV_COLUMNS or None)
    # the paid orders' three columns it reads; the loaded frame goes now unless a frame cache
    # keeps it (in the dashboard's fill, which loads it without one: 73 MB at a million
    # customers through the summary and the fits)
    orders = f.pop("orders")
    as_of, paid = as_of_date(orders), paid_orders(orders)
    del orders, f
    need(int(paid["customer_id"].nunique()), 20, "CLV needs customers with orders")
    annual = float(params["discount_rate"])
    result = clv.clv_analysis(paid, as_of,
                              horizon_months=int(params["clv_months"]),
                              monthly_discount=clv.monthly_rate(annual),
                              progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    table = result.table.rename_axis("customer_id").reset_index()
    value = "clv" if "clv" in table.columns else "simple_clv"
    table = table.sort_values(value, ascending=False)
    fit, gg = result.bgnbd, result.gamma_gamma
    quality: dict[str, float | str] = {
        "customers": len(table), "horizon_months": result.horizon_months,
        "discount_rate_annual_%": num(annual, 2),
        "discount_rate_monthly_%": num(100 * clv.monthly_rate(annual)),
        "mean_clv": num(table[value].mean(), 2), "total_clv": num(table[value].sum(), 2),
        "mean_simple_clv": num(table["simple_clv"].mean(), 2),
        "simple_clv": "AOV x purchases a year x 3 years",
        "mean_p_alive": num(table["p_alive"].mean()),
        "BG/NBD r": num(fit.r), "BG/NBD alpha": num(fit.alpha),
        "BG/NBD a": num(fit.a), "BG/NBD b": num(fit.b),
        "BG/NBD dropout per purchase": num(fit.dropout_per_purchase),
        # a and b apart are not determined when the data fixes only their ratio
        "BG/NBD a, b identified": "yes" if fit.dropout_identified else
        "no: only the dropout per purchase a/(a+b) is meaningful",
        "log_likelihood": num(fit.log_likelihood, 2), **left.quality()}
    if gg is not None:
        quality.update({"Gamma-Gamma p": num(gg.p), "Gamma-Gamma q": num(gg.q),
                        "Gamma-Gamma v": num(gg.v), "Gamma-Gamma customers": gg.n_customers})
    else:
        quality["Gamma-Gamma"] = "n/a (no repeat buyers)"
    money = {c: "money" for c in ("clv", "simple_clv", "monetary_value", "aov", "monetary",
                                  "mean_clv", "total_clv", "mean_simple_clv")}
    return AnalysisOutcome(
        "clv", quality, table,
        hist_chart(table[value].clip(upper=table[value].quantile(0.98)),
                   "Customer lifetime value", "CLV", "Customers"),
        [("clv", table, value, None)],
        summary=[*clv_sentences(clv_summary(result)), *left.sentences()],
        columns={"customer_id": "customer", "p_alive": "probability", "recency": "days",
                 "T": "days", **money},
        currency=left.currency)
