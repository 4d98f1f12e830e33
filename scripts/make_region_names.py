"""Write resources/regions.json: the countries (ISO 3166 codes with their names in each language
the app ships) and the currencies (ISO 4217 codes with their usual symbol) that the country and
currency fields offer.

    .venv/bin/python scripts/make_region_names.py          # after upgrading phonenumbers or Qt

The names come from phonenumbers' locale table (CLDR-based, already a dependency) and Qt's
locale data; the app reads the small JSON instead of importing phonenumbers' geodata package
(19 MB of prefix data loaded just to reach the names) or scanning Qt's 700 locales when a
dialog opens. tests/ui/widgets/test_region_names.py fails when the file is out of date.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "zh")  # the languages the app ships (add one here with its translation)
TARGET = Path(__file__).resolve().parent.parent / "resources" / "regions.json"
OBSOLETE = {"AN"}  # Netherlands Antilles, dissolved in 2010


def region_names() -> dict[str, Any]:
    import phonenumbers
    from phonenumbers.geodata.locale import LOCALE_DATA
    from PySide6.QtCore import QLocale

    def name(code: str, language: str) -> str:
        names = LOCALE_DATA.get(code, {})
        text, seen = names.get(language, ""), {language}
        while text.startswith("*") and text[1:] not in seen:  # "*aa": that language's name
            seen.add(text[1:])
            text = names.get(text[1:], "")
        return "" if text.startswith("*") else str(text)

    def english(code: str) -> str:
        # Qt's (CLDR's current) English names first: "Czechia", "Eswatini"; phonenumbers' table
        # still has some older ones.
        territory = QLocale.codeToTerritory(code)
        if territory != QLocale.Country.AnyCountry:
            return QLocale.territoryToString(territory)
        return name(code, "en") or code

    codes = sorted((set(phonenumbers.SUPPORTED_REGIONS) | set(LOCALE_DATA)) - OBSOLETE)
    countries = {}
    for code in codes:
        countries[code] = {language: name(code, language) for language in LANGUAGES}
        countries[code]["en"] = english(code)
        for language in LANGUAGES:
            countries[code][language] = countries[code][language] or countries[code]["en"]
    return {"generated_by": "scripts/make_region_names.py", "countries": countries,
            "currencies": currency_symbols()}


def currency_symbols() -> dict[str, str]:
    """Each ISO 4217 code Qt's locales use, with the symbol of its home country's own locale
    (CNY: zh_CN's "¥", USD: en_US's "$"), else the most common one (EUR: "€")."""
    from PySide6.QtCore import QLocale

    every: dict[str, Counter[str]] = {}
    home: dict[str, Counter[str]] = {}
    locales = QLocale.matchingLocales(QLocale.Language.AnyLanguage, QLocale.Script.AnyScript,
                                      QLocale.Country.AnyCountry)
    for locale in locales:
        code = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
        symbol = locale.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
        if len(code) != 3 or not symbol:
            continue
        every.setdefault(code, Counter())[symbol] += 1
        main = QLocale(QLocale.Language.AnyLanguage, locale.territory())
        if main.name() == locale.name():
            home.setdefault(code, Counter())[symbol] += 1
    return {code: (home.get(code) or symbols).most_common(1)[0][0]
            for code, symbols in sorted(every.items())}


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(region_names(), ensure_ascii=False, indent=0, sort_keys=True)
                      + "\n", encoding="utf-8")
    print(TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
