"""The user's preferences on this computer (QSettings), read and written in one place.

    prefs = Preferences.load(settings)      # every value checked, defaults where unset or bad
    prefs.touch_every_days                  # what a new customer's "stay in touch" starts at
    replace(prefs, theme="dark").save(settings)

Keys: general/language ("" follows the system), view/theme (system, light, dark),
general/phone_region (the default country: phone numbers typed without +, a new customer's
country), backup/folder ("" is next to the database) and backup/keep, analysis/churn_window_days,
analysis/loyal_min_quarters and analysis/loyal_quarters (the dashboard's churn rate and loyalty
index, the Analytics page's starting values), customers/touch_every_days, import/max_cell_chars
and import/max_file_mb (the import's limits: a longer cell makes its row invalid, a larger file
is refused; `import_limits()`). The default currency belongs to the database
(`services.money.set_default_currency`), not here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from PySide6.QtCore import QSettings

from crm_desktop.services.analyses.parameters import DEFAULT_PARAMS, LIMITS
from crm_desktop.storage.backup import DEFAULT_KEEP
from crm_desktop.storage.importing.limits import DEFAULT_LIMITS, MB, ImportLimits

THEMES = ("system", "light", "dark")
# The languages the interface ships in ("" follows the system's).
LANGUAGES = ("", "en", "zh_CN")
KEYS = {
    "language": "general/language", "theme": "view/theme", "country": "general/phone_region",
    "backup_folder": "backup/folder", "backups_kept": "backup/keep",
    "churn_window_days": "analysis/churn_window_days",
    "loyal_min_quarters": "analysis/loyal_min_quarters",
    "loyal_quarters": "analysis/loyal_quarters", "touch_every_days": "customers/touch_every_days",
    "import_max_cell_chars": "import/max_cell_chars", "import_max_file_mb": "import/max_file_mb",
}
# Numbers and their accepted range.
RANGES: dict[str, tuple[int, int]] = {
    "backups_kept": (1, 365),
    "churn_window_days": (int(LIMITS["churn_window_days"][0]),
                          int(LIMITS["churn_window_days"][1])),
    "loyal_min_quarters": (1, 8), "loyal_quarters": (1, 8), "touch_every_days": (0, 3650),
    "import_max_cell_chars": (1_000, 100_000_000), "import_max_file_mb": (1, 100_000),
}


@dataclass(frozen=True)
class Preferences:
    language: str = ""
    theme: str = "system"
    country: str = "US"
    backup_folder: str = ""
    backups_kept: int = DEFAULT_KEEP
    churn_window_days: int = int(DEFAULT_PARAMS["churn_window_days"])
    loyal_min_quarters: int = int(DEFAULT_PARAMS["loyal_min_quarters"])
    loyal_quarters: int = int(DEFAULT_PARAMS["loyal_quarters"])
    touch_every_days: int = 0
    import_max_cell_chars: int = DEFAULT_LIMITS.max_cell_chars
    import_max_file_mb: int = DEFAULT_LIMITS.max_file_bytes // MB

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        default = cls()
        values: dict[str, Any] = {}
        for field in fields(cls):
            stored = settings.value(KEYS[field.name])
            fallback = getattr(default, field.name)
            values[field.name] = _checked(field.name, stored, fallback)
        if values["loyal_min_quarters"] > values["loyal_quarters"]:
            values["loyal_min_quarters"] = values["loyal_quarters"]
        return cls(**values)

    def save(self, settings: QSettings) -> None:
        for field in fields(self):
            settings.setValue(KEYS[field.name], getattr(self, field.name))
        settings.sync()

    def import_limits(self) -> ImportLimits:
        """The import's limits as set here (the others at their defaults)."""
        return replace(DEFAULT_LIMITS, max_cell_chars=self.import_max_cell_chars,
                       max_file_bytes=self.import_max_file_mb * MB)

    def kpi_params(self) -> dict[str, int]:
        """The churn window and loyalty rule as the KPI analysis takes them."""
        return {"churn_window_days": self.churn_window_days,
                "loyal_min_quarters": self.loyal_min_quarters,
                "loyal_quarters": self.loyal_quarters}


def _checked(name: str, stored: Any, fallback: Any) -> Any:
    if stored is None or stored == "":
        return fallback
    if name in RANGES:
        try:
            number = int(str(stored))
        except ValueError:
            return fallback
        low, high = RANGES[name]
        return min(max(number, low), high)
    text = str(stored).strip()
    if name == "theme":
        return text if text in THEMES else fallback
    if name == "language":
        return text if text in LANGUAGES else fallback
    if name == "country":
        return text.upper() if len(text) == 2 and text.isalpha() else fallback
    return text
