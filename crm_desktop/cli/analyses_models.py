"""The model-based analyses of :mod:`crm_desktop.cli.analyses` (churn, propensity, win
probability, customer lifetime value), the sales forecast and data quality."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.cli.analyses import AnalysisOutcome, Chart, Steps, as_of, load, need, num

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database


def _hist(values: pd.Series, title: str, xlabel: str) -> Chart:
    from crm_desktop.cli.analyses import hist_chart

    return hist_chart(values, title, xlabel, "Customers")


def _buyers(orders: pd.DataFrame) -> int:
    from crm_desktop.analytics.features import revenue_orders

    return int(revenue_orders(orders)["customer_id"].nunique())


def run_churn(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import churn

    f = load(database, steps, "customers", "orders", "tickets", "interactions",
             "survey_responses")
    need(_buyers(f["orders"]), 50, "churn needs customers with orders")
    report = churn.fit_churn(f["customers"], f["orders"], f["tickets"], f["interactions"],
                             f["survey_responses"], horizon_days=float(params["horizon_days"]),
                             progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    table = report.scores.reset_index(drop=True)
    table["risk"] = table["churn_probability"].map(
        lambda p: "high" if p >= 0.6 else "medium" if p >= 0.3 else "low")
    quality: dict[str, float | str] = {f"AUC ({k})": num(v) for k, v in report.auc.items()}
    quality.update({"chosen_model": report.chosen_model, "base_rate": num(report.base_rate),
                    "trained_on": report.n_train, "horizon_days": report.horizon_days})
    return AnalysisOutcome("churn", quality, table,
                           _hist(table["churn_probability"], "Churn risk", "Probability"),
                           [("churn", table, "churn_probability", "risk")])


def run_propensity(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import propensity

    f = load(database, steps, "customers", "orders", "order_lines")
    need(_buyers(f["orders"]), 50, "propensity needs customers with orders")
    report = propensity.fit_propensity(
        f["customers"], f["orders"], f["order_lines"],
        horizon_days=float(params["propensity_days"]),
        progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    table = report.scores.reset_index(drop=True)
    quality: dict[str, float | str] = {"AUC": num(report.auc), "base_rate": num(report.base_rate),
                                       "intercept": num(report.intercept)}
    quality.update({f"b {k}": num(v) for k, v in report.coefficients.head(6).items()})
    return AnalysisOutcome("propensity", quality, table,
                           _hist(table["probability"], "Purchase propensity", "Probability"),
                           [("propensity", table, "probability", None)])


def run_winprob(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import winprob

    f = load(database, steps, "opportunities", "orders")
    closed = f["opportunities"]["status"].isin(["won", "lost"])
    need(int(closed.sum()), 30, "win probability needs closed opportunities")
    opportunities = f["opportunities"].copy()
    for column in ("lead_source", "owner"):  # an all-empty category column breaks the model
        opportunities[column] = opportunities[column].fillna("unknown").replace("", "unknown")
    report = winprob.fit_win_probability(opportunities, f["orders"], cv=3,
                                         progress=steps.sub(0.3, 0.95),
                                         cancelled=steps.cancelled)
    table = report.scores.reset_index(drop=True)
    quality = {"AUC": num(report.auc), "Brier": num(report.brier),
               "back-test MAPE": num(report.mape), "back-test WAPE": num(report.wape),
               "trained_on": report.n_train, "win_rate": num(report.win_rate)}
    back = report.backtest.tail(18)
    x = [str(p) for p in (back["month"] if "month" in back.columns else back.index)]
    chart = Chart("line", x, back["actual"].astype(float).tolist(), "Back-test: won vs forecast",
                  "", "Amount", series={"forecast": back["forecast"].astype(float).tolist()})
    return AnalysisOutcome("winprob", quality, table, chart)


def run_clv(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import clv
    from crm_desktop.analytics.features import revenue_orders

    f = load(database, steps, "orders")
    paid = revenue_orders(f["orders"])
    need(int(paid["customer_id"].nunique()), 20, "CLV needs customers with orders")
    result = clv.clv_analysis(paid, as_of(f["orders"]), horizon_months=int(params["clv_months"]),
                              progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    table = result.table.rename_axis("customer_id").reset_index()
    value = "clv" if "clv" in table.columns else "simple_clv"
    table = table.sort_values(value, ascending=False)
    fit = result.bgnbd
    quality = {"customers": len(table), "mean_clv": num(table[value].mean(), 2),
               "total_clv": num(table[value].sum(), 2),
               "mean_p_alive": num(table["p_alive"].mean()),
               "BG/NBD r": num(fit.r), "BG/NBD alpha": num(fit.alpha),
               "BG/NBD a": num(fit.a), "BG/NBD b": num(fit.b),
               "log_likelihood": num(fit.log_likelihood, 2)}
    return AnalysisOutcome("clv", quality, table,
                           _hist(table[value].clip(upper=table[value].quantile(0.98)),
                                 "Customer lifetime value", "CLV"),
                           [("clv", table, value, None)])


def run_forecast(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    import pandas as pd

    from crm_desktop.analytics import forecast

    f = load(database, steps, "opportunities", "orders")
    need(len(f["opportunities"]), 5, "forecast needs opportunities")
    steps.at(0.5, "Weighted pipeline")
    when = as_of(f["orders"])
    pipeline = forecast.weighted_pipeline(f["opportunities"], as_of=when)
    trend = forecast.won_revenue_trend(f["opportunities"], months_ahead=3, as_of=when)
    table = pipeline.copy()
    table["period"] = table["period"].astype(str)
    quality = {"open_amount": num(pipeline["amount"].sum(), 2),
               "weighted": num(pipeline["weighted"].sum(), 2), "trend_slope": num(trend.slope, 2),
               "trend_r2": num(trend.r2)}
    history, projection = trend.history, trend.projection
    hx = [str(p) for p in history.iloc[:, 0]]
    px = [str(p) for p in projection.iloc[:, 0]]
    y = pd.concat([history.iloc[:, 1], pd.Series([float("nan")] * len(px))]).astype(float)
    proj = [float("nan")] * (len(hx) - 1) + [float(history.iloc[-1, 1])] if len(hx) else []
    proj += projection.iloc[:, 1].astype(float).tolist()
    chart = Chart("line", hx + px, y.tolist(), "Won revenue and trend", "", "Revenue",
                  series={"projection": proj})
    return AnalysisOutcome("forecast", quality, table, chart)


def run_quality(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    from crm_desktop.analytics import quality as dq

    f = load(database, steps, "customers", "contacts")
    steps.at(0.6, "Checking")
    report = dq.quality_report(f["customers"], f["contacts"])
    quality = {"customers": report.n_customers, "duplicate_groups": report.duplicate_groups,
               "duplicate_customers": report.duplicate_customers,
               "invalid_emails": report.invalid_email_count,
               "invalid_phones": report.invalid_phone_count}
    missing = report.missing[report.missing > 0]
    table = missing.rename("missing").rename_axis("field").reset_index()
    table["share"] = (table["missing"] / max(1, report.n_customers)).round(4)
    top = table.head(12)
    chart = Chart("barh", top["field"].tolist()[::-1], top["missing"].tolist()[::-1],
                  "Missing values per field", "Customers", "")
    return AnalysisOutcome("quality", quality, table, chart)
