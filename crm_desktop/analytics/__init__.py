"""Pure analytics engine: pandas/numpy/scikit-learn in, frozen dataclasses or DataFrames out.

No Qt, no SQL. The submodules import pandas and scikit-learn at their top, so import them lazily
(``from crm_desktop.analytics import rfm`` inside a worker); this package file stays light.

Modules: kpi, rfm, segmentation, classification (+ classification_svm), churn, propensity,
winprob, clv, scoring, campaigns, text, forecast, quality, features (shared per-customer
aggregations); basket (what sells together, likely next products, needs that come up together;
counting in association), anomalies (unusual buying), satisfaction (ticket ratings and NPS
groups, judged by holdout against the mean), campaign_effect (targeted against a holdout),
duplicate_score (one pair of customer records), sales_report and sales_targets; history (a
customer's history at any instant) and holdout (later-period judging) are shared helpers.
Insights on their results: contributions and reasons (why each customer or deal scores high),
phrases (a reason as a translatable key and numbers), segment_profiles (profile and name per
segment), summaries (the facts of a short summary), quality_words (model quality as a
translatable key).
"""

from __future__ import annotations

from crm_desktop.analytics._progress import CancelFn, Cancelled, ProgressFn, report

__all__ = ["CancelFn", "Cancelled", "ProgressFn", "report"]
