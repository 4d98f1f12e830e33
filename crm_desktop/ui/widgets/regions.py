"""Countries and currencies as the fields offer them: names in the user's language, sorted as
that language sorts, from resources/regions.json (made by scripts/make_region_names.py).

    countries()    -> [Country("CN", "中国", "China"), ...]   (in a Chinese interface)
    currencies()   -> [Currency("CNY", "¥"), Currency("EUR", "€"), ...]
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QCollator, QLocale

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # in the interface's language
    english: str


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str


@cache
def _data() -> dict[str, Any]:
    from crm_desktop.app import resources_dir

    path = resources_dir() / "regions.json"
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        log.warning("cannot read %s: countries and currencies are offered by code", path)
        return {"countries": {}, "currencies": {}}


def language_of(locale: QLocale | None = None) -> str:
    """The language the names are shown in ("zh" for zh_CN, zh_TW...), "en" when we have none."""
    name = (locale or QLocale()).name().split("_")[0]
    countries = _data()["countries"]
    return name if any(name in names for names in countries.values()) else "en"


def countries(locale: QLocale | None = None) -> list[Country]:
    locale = locale or QLocale()
    language = language_of(locale)
    found = [Country(code, str(names.get(language) or names["en"]), str(names["en"]))
             for code, names in _data()["countries"].items()]
    collator = QCollator(locale)
    return sorted(found, key=lambda country: collator.sortKey(country.name))


def currencies() -> list[Currency]:
    return [Currency(code, str(symbol)) for code, symbol in sorted(_data()["currencies"].items())]


def country_name(code: str | None, locale: QLocale | None = None) -> str:
    """A code's name in the interface's language (the code itself when unknown)."""
    if not code:
        return ""
    names = _data()["countries"].get(code.upper())
    return str(names.get(language_of(locale)) or names["en"]) if names else code
