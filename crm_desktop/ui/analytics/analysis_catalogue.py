"""The analyses the Analytics page offers, in the order of its choice box, with their titles
(marked for translation here, translated at display time)."""

from __future__ import annotations

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

# (analysis name, title): titles are translated at display time.
ANALYSES: tuple[tuple[str, str], ...] = (
    ("kpis", QT_TRANSLATE_NOOP("AnalyticsPage", "Key figures (KPIs)")),
    ("rfm", QT_TRANSLATE_NOOP("AnalyticsPage", "RFM segments")),
    ("segments", QT_TRANSLATE_NOOP("AnalyticsPage", "Behaviour segments (k-means or DBSCAN)")),
    ("classify", QT_TRANSLATE_NOOP("AnalyticsPage", "Predict categories")),
    ("churn", QT_TRANSLATE_NOOP("AnalyticsPage", "Churn risk")),
    ("propensity", QT_TRANSLATE_NOOP("AnalyticsPage", "Purchase propensity")),
    ("winprob", QT_TRANSLATE_NOOP("AnalyticsPage", "Win probability of open deals")),
    ("clv", QT_TRANSLATE_NOOP("AnalyticsPage", "Customer lifetime value")),
    ("rules", QT_TRANSLATE_NOOP("AnalyticsPage", "Rule-based scoring")),
    ("campaigns", QT_TRANSLATE_NOOP("AnalyticsPage", "Campaign response")),
    ("tickets", QT_TRANSLATE_NOOP("AnalyticsPage", "Text themes (tickets or customer needs)")),
    ("forecast", QT_TRANSLATE_NOOP("AnalyticsPage", "Sales forecast")),
    ("quality", QT_TRANSLATE_NOOP("AnalyticsPage", "Data quality")),
    ("basket", QT_TRANSLATE_NOOP("AnalyticsPage", "What sells together")),
    ("anomalies", QT_TRANSLATE_NOOP("AnalyticsPage", "Unusual buying")),
    ("satisfaction", QT_TRANSLATE_NOOP("AnalyticsPage", "Satisfaction prediction")),
)
