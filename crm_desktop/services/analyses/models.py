"""The model-based analyses: churn, purchase propensity, win probability of open deals and
customer lifetime value."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.analytics.charts import Chart, hist_chart
from crm_desktop.analytics.figures import num
from crm_desktop.services.analyses.outcome import AnalysisOutcome
from crm_desktop.services.analyses.parameters import AnalysisError
from crm_desktop.services.analyses.steps import Steps, load, need

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database

RISK_BANDS = ((0.6, "high"), (0.3, "medium"), (0.0, "low"))  # churn probability >= bound


def _hist(values: pd.Series, title: str, xlabel: str) -> Chart:
    return hist_chart(values, title, xlabel, "Customers")


def _buyers(orders: pd.DataFrame) -> int:
    from crm_desktop.analytics.features import revenue_orders

    return int(revenue_orders(orders)["customer_id"].nunique())


def _risk(p: float) -> str:
    return next(label for bound, label in RISK_BANDS if p >= bound)


def run_churn(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import churn

    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    need(_buyers(f["orders"]), 50, "churn needs customers with orders")
    try:
        report = churn.fit_churn(f["customers"], f["orders"], f["tickets"], f["interactions"],
                                 f["survey_responses"],
                                 horizon_days=float(params["horizon_days"]),
                                 progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"churn: {error}") from error
    table = report.scores.reset_index(drop=True)
    table["risk"] = table["churn_probability"].map(_risk)
    quality: dict[str, float | str] = {f"AUC ({k})": num(v) for k, v in report.auc.items()}
    quality.update({"chosen_model": report.chosen_model, "base_rate": num(report.base_rate),
                    "trained_on": report.n_train, "horizon_days": int(report.horizon_days),
                    "holdout": _holdout_text(report),
                    "holdout_trained_on": report.n_holdout_train, "tested_on": report.n_test,
                    "cutoff": str(report.cutoff.date())})
    counts = table["risk"].value_counts()
    bands = pd.DataFrame({"risk": [label for _, label in RISK_BANDS],
                          "from_probability": [bound for bound, _ in RISK_BANDS]})
    bands["customers"] = bands["risk"].map(counts).fillna(0).astype(int)
    bands["share"] = (bands["customers"] / max(1, len(table))).round(4)
    linear = report.chosen_model == "logistic"
    drivers = report.drivers.head(10)
    what = "coefficient per SD; + raises risk" if linear else "importance"
    chart = Chart("barh", [str(i) for i in drivers.index][::-1], drivers.tolist()[::-1],
                  f"Churn drivers ({report.chosen_model}: {what})", "", "")
    return AnalysisOutcome("churn", quality, table, chart,
                           [("churn", table, "churn_probability", "risk")],
                           detail=bands, detail_title="Customers per churn risk band")


def run_propensity(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import propensity

    f = load(database, steps, "customers", "orders", "order_lines")
    need(_buyers(f["orders"]), 50, "propensity needs customers with orders")
    target = str(params["target"])
    category = None if target.lower() == "any" else target
    if category is not None and not f["order_lines"]["product_category"].eq(category).any():
        raise AnalysisError(f"no order lines in product category {category!r}")
    try:
        report = propensity.fit_propensity(
            f["customers"], f["orders"], f["order_lines"],
            horizon_days=float(params["propensity_days"]), category=category,
            progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"propensity: {error}") from error
    table = report.scores.reset_index(drop=True)
    table["target"] = "any" if category is None else category
    quality: dict[str, float | str] = {
        "target": "any purchase" if category is None else f"category {category}",
        "horizon_days": int(report.horizon_days), "AUC": num(report.auc),
        "base_rate": num(report.base_rate), "intercept": num(report.intercept),
        "customers": len(table)}
    coefficients = report.coefficients
    order = coefficients.abs().sort_values(ascending=False).index
    detail = pd.DataFrame({"feature": [str(i) for i in order],
                           "b": coefficients.reindex(order).round(4).to_numpy()})
    title = "Purchase propensity" if category is None else f"Propensity: {category}"
    return AnalysisOutcome("propensity", quality, table,
                           _hist(table["probability"], title, "Probability"),
                           [("propensity", table, "probability", "target")], detail=detail,
                           detail_title="f(x) = 1 / (1 + exp(-(a + b.x))): b per SD")


def run_winprob(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import winprob

    f = load(database, steps, "opportunities", "orders")
    closed = f["opportunities"]["status"].isin(["won", "lost"])
    need(int(closed.sum()), winprob.MIN_CLOSED, "win probability needs closed opportunities")
    opportunities = f["opportunities"]
    try:
        report = winprob.fit_deals(opportunities, f["orders"], progress=steps.sub(0.3, 0.95),
                                   cancelled=steps.cancelled)
    except ValueError as error:
        raise AnalysisError(f"win probability: {error}") from error
    table = report.scores.reset_index(drop=True)
    names = opportunities.set_index("id")["name"]
    table.insert(1, "name", table["opportunity_id"].map(names).to_numpy())
    quality = {"AUC": num(report.auc), "Brier": num(report.brier),
               "calibration": "sigmoid (Platt), 3-fold",
               "back-test MAPE": num(report.mape), "back-test WAPE": num(report.wape),
               "trained_on": report.n_train, "win_rate": num(report.win_rate),
               "open_deals": len(table),
               "weighted_forecast": num(table["weighted_amount"].sum(), 2)}
    back = report.backtest.tail(18)
    x = [str(p) for p in (back["month"] if "month" in back.columns else back.index)]
    chart = Chart("line", x, back["actual"].astype(float).tolist(), "Back-test: won vs forecast",
                  "", "Amount", series={"forecast": back["forecast"].astype(float).tolist()})
    detail = back.assign(month=x).round({"forecast": 2, "actual": 2, "error": 2, "ape": 4})
    # Apply stores each open deal's probability on the deal (opportunities.win_probability),
    # where the pipeline cards and the deal's detail read it.
    return AnalysisOutcome("winprob", quality, table, chart, detail=detail,
                           detail_title="Back-test of the weighted forecast per month",
                           deal_results=table[["opportunity_id", "win_probability"]])


def _holdout_text(report: Any) -> str:
    """How the churn models' AUC was measured, in one line."""
    import pandas as pd

    t0 = report.cutoff - pd.Timedelta(days=report.horizon_days)
    t1 = t0 - pd.Timedelta(days=report.horizon_days)
    if report.holdout == "time":
        return (f"later period: fitted at {t1.date()} on churn up to {t0.date()}, "
                f"tested at {t0.date()} on churn up to {report.cutoff.date()}")
    return "30% of customers (too little earlier history for a later-period test)"


def run_clv(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import clv
    from crm_desktop.analytics.features import as_of_date, revenue_orders

    f = load(database, steps, "orders")
    paid = revenue_orders(f["orders"])
    need(int(paid["customer_id"].nunique()), 20, "CLV needs customers with orders")
    annual = float(params["discount_rate"])
    result = clv.clv_analysis(paid, as_of_date(f["orders"]),
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
        "log_likelihood": num(fit.log_likelihood, 2)}
    if gg is not None:
        quality.update({"Gamma-Gamma p": num(gg.p), "Gamma-Gamma q": num(gg.q),
                        "Gamma-Gamma v": num(gg.v), "Gamma-Gamma customers": gg.n_customers})
    else:
        quality["Gamma-Gamma"] = "n/a (no repeat buyers)"
    return AnalysisOutcome("clv", quality, table,
                           _hist(table[value].clip(upper=table[value].quantile(0.98)),
                                 "Customer lifetime value", "CLV"),
                           [("clv", table, value, None)])
