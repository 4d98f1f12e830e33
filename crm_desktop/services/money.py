"""Currencies of money fields: the default a new record starts with, and the clean-up of a typed
code. One place for what the campaign, opportunity, quote, order, contract and product dialogs
(and the command line) all need.

    default_currency(database)   # "CNY" when the latest order is in CNY; "USD" for a new file
    set_default_currency(database, "eur")   # stored in the database: new records start in EUR
    clean_currency(" rmb ")      # "CNY"
    clean_currency("")           # "USD" (the `default` given)
    clean_currency("Dollars")    # ValidationError("currency", "'Dollars' is not a currency ...")
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from crm_desktop.storage.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.services.outcome import Outcome
    from crm_desktop.storage.database import Database

DEFAULT_CURRENCY = "USD"
SETTING_KEY = "default_currency"

# What people type instead of the ISO 4217 code. "$" and "¥" are ambiguous (many dollars, yen
# and yuan) and so are not guessed.
_ALIASES = {"RMB": "CNY", "元": "CNY", "人民币": "CNY", "€": "EUR", "£": "GBP"}
_CODE = re.compile(r"[A-Z]{3}")
# The sign shown before an amount; other currencies show their code after it.
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥"}


def currency_symbol(code: str | None) -> str:
    """"$" for USD, "¥" for CNY and JPY, ...; "" for a currency without a well-known sign."""
    return SYMBOLS.get((code or "").upper(), "")


def clean_currency(text: str | None, default: str = DEFAULT_CURRENCY) -> str:
    """The ISO 4217 code typed (`default` when nothing is), upper-cased; common aliases such as
    RMB are translated. Raises `ValidationError("currency", ...)` for anything else."""
    typed = (text or "").strip()
    if not typed:
        return default
    code = _ALIASES.get(typed.upper(), typed.upper())
    if not _CODE.fullmatch(code):
        raise ValidationError("currency", f"{typed!r} is not a currency code "
                                          "(three letters such as USD, EUR or CNY)")
    return code


def default_currency(database: Database) -> str:
    """The currency a new record starts with: the database's `default_currency` setting when
    one is stored, else the currency of the latest order, else USD."""
    from sqlalchemy import select

    from crm_desktop.models import Order, Setting

    with database.session() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == SETTING_KEY))
        if isinstance(stored, str) and stored.strip():
            try:
                return clean_currency(stored)
            except ValidationError:
                pass  # a hand-edited bad setting must not stop a dialog from opening
        latest = session.scalar(select(Order.currency).where(Order.deleted_at.is_(None))
                                .order_by(Order.id.desc()).limit(1))
    if latest:
        try:
            return clean_currency(latest)
        except ValidationError:
            pass
    return DEFAULT_CURRENCY


def set_default_currency(database: Database, code: str | None) -> Outcome[str | None]:
    """Store the currency new records start with (None or "": no setting, the latest order's
    currency is used again); the value is the code stored. Raises ValidationError for a code
    that is not three letters."""
    from crm_desktop.services.outcome import write
    from crm_desktop.storage.database_settings import put_setting

    cleaned = clean_currency(code, "") or None

    def work(session: Session) -> str | None:
        put_setting(session, SETTING_KEY, cleaned)
        return cleaned

    return write(database, work)
