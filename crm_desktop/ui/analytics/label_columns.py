"""The columns of an analysis' tables whose values are labels the analysis wrote (segment names,
risk bands, feature names), translated where they are shown (`frame_model`), unlike
columns of data (names, cities, products, themes' words)."""

from __future__ import annotations

LABEL_COLUMNS = frozenset((
    "segment", "rfm_segment", "risk", "label", "nps_group", "group", "direction",
    "severity", "feature", "anomaly", "factors", "issue", "field", "kind", "metric",
))
