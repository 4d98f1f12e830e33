"""The model-based analyses of :mod:`crm_desktop.cli.analyses` (churn, propensity, win
probability, customer lifetime value), the sales forecast and data quality."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.cli.analyses import (
    AnalysisError,
    AnalysisOutcome,
    Chart,
    Steps,
    as_of,
    load,
    need,
    num,
)

if TYPE_CHECKING:
    import pandas as pd

    from crm_desktop.storage.database import Database

RISK_BANDS = ((0.6, "high"), (0.3, "medium"), (0.0, "low"))  # churn probability >= bound
WINPROB_MIN_CLOSED = 30  # closed (won or lost) opportunities the win-probability model needs
WINPROB_MIN_AUC = 0.55  # a win model ranking deals no better than this is not used
# The missing fields the quality table lists customer by customer; the others are counted
# only: a customer who cannot be reached is the one to fix, and a list of every private
# person without an industry would bury the rest.
LISTED_MISSING: tuple[str, ...] = ("email", "phone")


def _hist(values: pd.Series, title: str, xlabel: str) -> Chart:
    from crm_desktop.cli.analyses import hist_chart

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


def model_opportunities(opportunities: pd.DataFrame) -> pd.DataFrame:
    """The opportunities as the win-probability model takes them: an empty lead source or
    owner is "unknown" (an all-empty category column breaks the model)."""
    out = opportunities.copy()
    for column in ("lead_source", "owner"):
        out[column] = out[column].fillna("unknown").replace("", "unknown")
    return out


def fit_winprob(opportunities: pd.DataFrame, orders: pd.DataFrame, steps: Steps,
                start: float, end: float) -> Any:
    """winprob.fit_win_probability (3-fold) on :func:`model_opportunities`, progress
    start..end; ValueError when the closed deals cannot train it (one class only, ...)."""
    from crm_desktop.analytics import winprob

    return winprob.fit_win_probability(model_opportunities(opportunities), orders, cv=3,
                                       progress=steps.sub(start, end),
                                       cancelled=steps.cancelled)


def run_winprob(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    f = load(database, steps, "opportunities", "orders")
    closed = f["opportunities"]["status"].isin(["won", "lost"])
    need(int(closed.sum()), WINPROB_MIN_CLOSED, "win probability needs closed opportunities")
    opportunities = f["opportunities"]
    try:
        report = fit_winprob(opportunities, f["orders"], steps, 0.3, 0.95)
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
    return AnalysisOutcome("winprob", quality, table, chart, detail=detail,
                           detail_title="Back-test of the weighted forecast per month")


def monthly_rate(annual_percent: float) -> float:
    """The monthly discount rate equivalent to ``annual_percent`` a year."""
    return float((1.0 + annual_percent / 100.0) ** (1.0 / 12.0) - 1.0)


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
    from crm_desktop.analytics.features import revenue_orders

    f = load(database, steps, "orders")
    paid = revenue_orders(f["orders"])
    need(int(paid["customer_id"].nunique()), 20, "CLV needs customers with orders")
    annual = float(params["discount_rate"])
    result = clv.clv_analysis(paid, as_of(f["orders"]), horizon_months=int(params["clv_months"]),
                              monthly_discount=monthly_rate(annual),
                              progress=steps.sub(0.3, 0.95), cancelled=steps.cancelled)
    table = result.table.rename_axis("customer_id").reset_index()
    value = "clv" if "clv" in table.columns else "simple_clv"
    table = table.sort_values(value, ascending=False)
    fit, gg = result.bgnbd, result.gamma_gamma
    quality: dict[str, float | str] = {
        "customers": len(table), "horizon_months": result.horizon_months,
        "discount_rate_annual_%": num(annual, 2),
        "discount_rate_monthly_%": num(100 * monthly_rate(annual)),
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


def win_weights(opportunities: pd.DataFrame, orders: pd.DataFrame,
                steps: Steps) -> tuple[pd.Series | None, dict[str, float | str]]:
    """The weight of each open deal for the forecast and the quality figures saying which:
    the win-probability model's calibrated probability (indexed like ``opportunities``; the
    model's cross-validated back-test of the weighted forecast on closed deals as MAPE and
    WAPE) when WINPROB_MIN_CLOSED closed deals, won and lost, train it and its AUC beats
    WINPROB_MIN_AUC; else None, i.e. the deal's stage probability (or its override), and why."""
    closed = int(opportunities["status"].isin(["won", "lost"]).sum())
    stage: dict[str, float | str] = {"weights": "stage probability"}
    if closed < WINPROB_MIN_CLOSED:
        stage["win model"] = f"n/a ({closed} closed deals, needs {WINPROB_MIN_CLOSED})"
        return None, stage
    try:
        report = fit_winprob(opportunities, orders, steps, 0.3, 0.85)
    except ValueError as error:
        stage["win model"] = f"n/a ({error})"
        return None, stage
    if not report.auc > WINPROB_MIN_AUC:  # no better than guessing: stage weights are honest
        stage["win model"] = f"not used (AUC {num(report.auc)}, needs > {WINPROB_MIN_AUC})"
        return None, stage
    scores = report.scores.set_index("opportunity_id")["win_probability"]
    probabilities = opportunities["id"].map(scores).astype(float)
    return probabilities, {
        "weights": "win probability model", "win model AUC": num(report.auc),
        "win model back-test MAPE": num(report.mape),
        "win model back-test WAPE": num(report.wape), "win model trained on": report.n_train}


def run_forecast(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """Open deals by expected close month, weighted = sum(amount x p) with p from
    :func:`win_weights` (the win-probability model, else stage probabilities; the stage
    weighting is shown beside the model's), and the linear trend of won revenue 3 months on.
    """
    from crm_desktop.analytics import forecast

    f = load(database, steps, "opportunities", "orders")
    opportunities = f["opportunities"]
    need(len(opportunities), 5, "forecast needs opportunities")
    probabilities, weights = win_weights(opportunities, f["orders"], steps)
    steps.at(0.9, "Weighted pipeline")
    when = as_of(f["orders"])
    pipeline = forecast.weighted_pipeline(opportunities, as_of=when,
                                          probabilities=probabilities)
    trend = forecast.won_revenue_trend(opportunities, months_ahead=3, as_of=when)
    table = pipeline.copy()
    table["period"] = table["period"].astype(str)
    projection = trend.projection.assign(period=trend.projection["period"].astype(str))
    quality = {"open_deals": int(pipeline["count"].sum()) if len(pipeline) else 0,
               "open_amount": num(pipeline["amount"].sum(), 2),
               "weighted": num(pipeline["weighted"].sum(), 2), **weights}
    if probabilities is not None:
        staged = forecast.weighted_pipeline(opportunities, as_of=when)
        quality["weighted (stage probability)"] = num(staged["weighted"].sum(), 2)
    quality.update({
        "overdue_deals": int(pipeline["overdue"].sum()) if len(pipeline) else 0,
        "trend_slope_per_month": num(trend.slope, 2), "trend_r2": num(trend.r2),
        "projected_3_months": num(projection["revenue"].sum(), 2)})
    return AnalysisOutcome("forecast", quality, table, forecast_chart(trend, pipeline),
                           detail=projection.round({"revenue": 2}),
                           detail_title="Won revenue projected by the linear trend")


def run_quality(database: Database, params: dict[str, Any], steps: Steps) -> AnalysisOutcome:
    """Duplicates, invalid e-mails and phones, and the customers missing each field of
    quality.QUALITY_FIELDS (e-mail and phone: no contact point of that kind): the counts
    (quality figures, detail table, chart) and one row per problem (:func:`issue_list`)."""
    from crm_desktop.analytics import quality as dq

    f = load(database, steps, "customers", "contacts")
    steps.at(0.6, "Checking")
    report = dq.quality_report(f["customers"], f["contacts"])
    missing = report.missing
    quality: dict[str, float | str] = {
        "customers": report.n_customers, "duplicate_groups": report.duplicate_groups,
        "duplicate_customers": report.duplicate_customers,
        "invalid_emails": report.invalid_email_count,
        "invalid_phones": report.invalid_phone_count,
        "fields_checked": ", ".join(missing.index),
        "fields_with_missing": int((missing > 0).sum()), "missing_values": int(missing.sum())}
    for kind in dq.CONTACT_KINDS:
        if kind in missing.index:
            quality[f"customers_without_{kind}"] = int(missing[kind])
    fields = missing.rename_axis("field").reset_index()
    fields["share"] = (fields["missing"] / max(1, report.n_customers)).round(4)
    chart = Chart("barh", fields["field"].tolist()[::-1], fields["missing"].tolist()[::-1],
                  "Customers missing each field", "Customers", "")
    return AnalysisOutcome("quality", quality, issue_list(report), chart, detail=fields,
                           detail_title="Customers missing each field")


def forecast_chart(trend: Any, pipeline: pd.DataFrame) -> Chart:
    """Won revenue per month, its linear trend (projected ahead) and the weighted pipeline
    of open deals by expected close month, on one month axis."""
    import pandas as pd

    history, projection = trend.history, trend.projection
    periods = [*history["period"], *projection["period"], *pipeline["period"]]
    title = "Won revenue, trend and weighted pipeline"
    if not periods:
        return Chart("line", [], [], title)
    months = pd.period_range(min(periods), max(periods), freq="M")
    won = history.set_index("period")["revenue"].reindex(months)
    line = pd.concat([history.set_index("period")["fitted"],
                      projection.set_index("period")["revenue"]]).reindex(months)
    series = {"trend (projected)": line.astype(float).tolist()}
    if len(pipeline):
        weighted = pipeline.set_index("period")["weighted"].astype(float).reindex(months)
        inside = (months >= pipeline["period"].min()) & (months <= pipeline["period"].max())
        series["weighted pipeline"] = weighted.where(~inside, weighted.fillna(0.0)).tolist()
    return Chart("line", [str(m) for m in months], won.astype(float).tolist(), title, "",
                 "Won revenue", series=series)


def issue_list(report: Any) -> pd.DataFrame:
    """One row per problem: duplicate groups (rule, key, the customers), invalid e-mails and
    invalid phone numbers (the value and its customer), then the customers without an e-mail
    or phone (:data:`LISTED_MISSING`: "missing email"; value: the customer's name)."""
    import pandas as pd

    dup = report.duplicates
    parts = [pd.DataFrame({
        "issue": "duplicate (" + dup["rule"].astype(str) + ")",
        "value": dup["key"].astype(str), "customers": dup["count"].astype(int),
        "customer_ids": [", ".join(str(i) for i in ids) for ids in dup["customer_ids"]]})]
    for label, frame in (("invalid e-mail", report.invalid_emails),
                         ("invalid phone", report.invalid_phones)):
        parts.append(pd.DataFrame({
            "issue": label, "value": frame["value"].astype(str), "customers": 1,
            "customer_ids": frame["customer_id"].astype(str)}))
    missing = report.missing_rows
    missing = missing[missing["field"].isin(LISTED_MISSING)]
    parts.append(pd.DataFrame({
        "issue": "missing " + missing["field"].astype(str),
        "value": missing["name"].fillna("").astype(str), "customers": 1,
        "customer_ids": missing["customer_id"].astype(str)}))
    return pd.concat([part for part in parts if len(part)] or parts[:1], ignore_index=True)
