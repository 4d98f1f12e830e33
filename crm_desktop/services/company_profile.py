"""The business's own details printed on quotes, orders and invoices: name, address, tax id,
email, phone, logo, terms, and the default currency of new records.

Kept in the database's settings table (they belong to the business, not to one computer):
key ``company_profile`` (JSON with the texts), ``company_logo`` (the image, base64, with its
type; kept apart so the profile's audit entries stay short) and ``default_currency`` (the
setting :func:`crm_desktop.services.money.default_currency` reads).

    profile = load_profile(database)
    save_profile(database, {"name": "Acme Ltd", "logo": logo_from_file(Path("logo.png"))})
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crm_desktop.services.money import DEFAULT_CURRENCY, clean_currency
from crm_desktop.services.money import SETTING_KEY as CURRENCY_KEY
from crm_desktop.services.outcome import Outcome, read, write
from crm_desktop.storage.errors import QT_TRANSLATE_NOOP, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crm_desktop.storage.database import Database

PROFILE_KEY = "company_profile"
LOGO_KEY = "company_logo"
MAX_LOGO_BYTES = 2_000_000
TEXT_LIMITS = {"name": 200, "address": 1000, "tax_id": 100, "email": 200, "phone": 100,
               "website": 200, "terms": 5000}
# The first bytes of the image files a logo may be (what Qt reads without plugins).
_IMAGE_TYPES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
                (b"BM", "bmp"))


@dataclass(frozen=True)
class Logo:
    """An image file's bytes and its type ('png', 'jpeg', 'gif' or 'bmp')."""

    data: bytes
    kind: str


@dataclass(frozen=True)
class CompanyProfile:
    """What the printed documents show of the business (empty texts: not printed)."""

    name: str = ""
    address: str = ""  # several lines
    tax_id: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    terms: str = ""  # printed under the totals
    logo: Logo | None = None
    default_currency: str = DEFAULT_CURRENCY

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the logo as its type and size, not its bytes)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in TEXT_LIMITS}
        data["default_currency"] = self.default_currency
        data["logo"] = ({"type": self.logo.kind, "bytes": len(self.logo.data)}
                        if self.logo is not None else None)
        return data


def image_kind(data: bytes) -> str | None:
    """'png', 'jpeg', 'gif' or 'bmp' from the file's first bytes; None for anything else."""
    return next((kind for magic, kind in _IMAGE_TYPES if data.startswith(magic)), None)


def logo_from_bytes(data: bytes, name: str = "logo") -> Logo:
    """Checked logo bytes; ValidationError('logo', ...) names the problem."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError("logo", QT_TRANSLATE_NOOP("errors", "{0} is {1:,} bytes; a logo may have at most {2:,}"), name, len(data), MAX_LOGO_BYTES)
    kind = image_kind(data)
    if kind is None:
        raise ValidationError("logo", QT_TRANSLATE_NOOP("errors", "{0} is not a PNG, JPEG, GIF or BMP image"), name)
    return Logo(data, kind)


def logo_from_file(path: Path | str) -> Logo:
    """Read and check a logo file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValidationError("logo", QT_TRANSLATE_NOOP("errors", "cannot read {0}: {1}"), path, error.strerror or error) from None
    return logo_from_bytes(data, str(path))


def _setting(session: Session, key: str) -> Any:
    from sqlalchemy import select

    from crm_desktop.models import Setting

    return session.scalars(select(Setting).where(Setting.key == key)).one_or_none()


def _load(session: Session) -> CompanyProfile:
    stored = _setting(session, PROFILE_KEY)
    texts = stored.value if stored is not None and isinstance(stored.value, dict) else {}
    values = {name: str(texts.get(name) or "") for name in TEXT_LIMITS}
    logo = None
    logo_row = _setting(session, LOGO_KEY)
    if logo_row is not None and isinstance(logo_row.value, dict):
        try:
            data = base64.b64decode(str(logo_row.value.get("data", "")), validate=True)
            logo = Logo(data, str(logo_row.value.get("type") or image_kind(data) or "png"))
        except (binascii.Error, ValueError):
            logo = None  # a damaged stored logo must not stop printing: print without it
    currency_row = _setting(session, CURRENCY_KEY)
    currency = DEFAULT_CURRENCY
    if currency_row is not None and isinstance(currency_row.value, str):
        with contextlib.suppress(ValidationError):  # a bad hand-edited value: the default
            currency = clean_currency(currency_row.value)
    return CompanyProfile(**values, logo=logo, default_currency=currency)


def load_profile(database: Database) -> CompanyProfile:
    """The stored profile (empty texts, no logo and USD when nothing is stored)."""
    return read(database, _load)


def clean_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Checked changes: texts trimmed and within their lengths, the logo a Logo (or None to
    remove it), the currency a code. ValidationError names the field."""
    known = {f.name for f in fields(CompanyProfile)}
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in known:
            raise ValidationError(name, QT_TRANSLATE_NOOP("errors", "is not part of the company profile"))
        if name == "logo":
            if value is not None and not isinstance(value, Logo):
                value = logo_from_bytes(bytes(value))
            cleaned[name] = value
        elif name == "default_currency":
            cleaned[name] = clean_currency(str(value or ""))
        else:
            text = str(value or "").strip()
            if len(text) > TEXT_LIMITS[name]:
                raise ValidationError(name, QT_TRANSLATE_NOOP("errors", "is {0} characters long; at most {1}"), len(text), TEXT_LIMITS[name])
            cleaned[name] = text
    return cleaned


def _put(session: Session, key: str, value: Any) -> None:
    from crm_desktop.models import Setting

    row = _setting(session, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value


def save_profile(database: Database, changes: Mapping[str, Any]) -> Outcome[CompanyProfile]:
    """Change some fields of the profile (the others stay); ``logo`` None removes the logo.
    One audited transaction; the value is the whole profile after it. Undo: save the
    ``before`` profile's fields again (``profile_changes(before)``)."""
    cleaned = clean_changes(changes)

    def work(session: Session) -> CompanyProfile:
        profile = replace(_load(session), **cleaned)
        _put(session, PROFILE_KEY, {name: getattr(profile, name) for name in TEXT_LIMITS})
        if "logo" in cleaned:
            logo = profile.logo
            _put(session, LOGO_KEY, None if logo is None else {
                "type": logo.kind, "data": base64.b64encode(logo.data).decode("ascii")})
        if "default_currency" in cleaned:
            _put(session, CURRENCY_KEY, profile.default_currency)
        return profile

    return write(database, work)


def profile_changes(profile: CompanyProfile) -> dict[str, Any]:
    """Every field of ``profile`` as ``save_profile`` takes them (what an undo saves back)."""
    return {f.name: getattr(profile, f.name) for f in fields(CompanyProfile)}
