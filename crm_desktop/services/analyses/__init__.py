"""Analyses as plain functions: load the frames (storage), run the analytics, shape the result.

    outcome = run.run_analysis(database, "churn", {"horizon_days": 180}, progress, cancelled)
    outcome.quality     # {"AUC (logistic)": 0.81, ...}: headline figures
    outcome.table       # per-customer (or per-campaign/theme/...) result rows
    outcome.detail      # a small second table (confusion matrix, anomalies, lift...) or None
    outcome.chart       # analytics.charts.Chart(kind, x, y, ...) to draw, or None
    apply.apply_outcome(database, outcome)  # store the results (Outcome with its Changes);
                                            # classify/rules also fill empty categories

Used by `crm-desktop analytics NAME` and by the Analytics page (in its background process).
Importing this package and :mod:`run` is cheap: pandas and the analytics are imported by the
functions that need them.

* :mod:`.parameters`: the parameters each analysis reads, their defaults and checks.
* :mod:`.run`: ``run_analysis`` and ``warm_up``; :mod:`.steps`: loading frames, progress.
* :mod:`.outcome`: what an analysis returns; :mod:`.apply`: storing it.
* The analyses: :mod:`.descriptive` (kpis, rfm, campaigns), :mod:`.themes` (tickets),
  :mod:`.segments` (segments, classify), :mod:`.models` (churn, propensity, winprob, clv),
  :mod:`.forecast`, :mod:`.data_quality` (quality), :mod:`.rules`, :mod:`.behaviour` (basket,
  anomalies), :mod:`.satisfaction`.
"""
