"""The fast paths of the import's two costly checks: e-mail addresses a strict regex accepts
are normalised directly (email-validator decides the rest), phone numbers written as plain
digits are checked against the region's metadata without a full `phonenumbers.parse`
(anything unusual takes the full path). Each gives the same answer as `storage.validation` or
none (tests/storage/test_import_rows.py and test_import_batch.py hold them to it)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES

from crm_desktop.storage import validation

_EMAIL_FAST = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})"
)
_SPECIAL = tuple(SPECIAL_USE_DOMAIN_NAMES)
_UNSET: Any = object()
_PHONE_PLAIN = re.compile(r"\+?[\d ().\-]+")
_NOT_DIGITS = str.maketrans("", "", " ().-+")


def fast_email(text: str) -> str | None:
    """The normalised address when a strict regex vouches for it, else None (ask the slow path)."""
    match = _EMAIL_FAST.fullmatch(text)
    if match is None or len(text) > 254 or text.index("@") > 64:
        return None
    domain = match.group(1).lower()
    if "--" in domain or domain.endswith(_SPECIAL) and _special(domain):
        return None
    return text[: match.start(1)] + domain


def _special(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in _SPECIAL)


@lru_cache(maxsize=64)
def _region_rules(region: str) -> tuple[int, re.Pattern[str] | None, re.Pattern[str] | None] | None:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.country_code is None:
        return None
    prefix = meta.national_prefix_for_parsing or meta.national_prefix
    intl = meta.international_prefix
    return (
        meta.country_code,
        re.compile(prefix) if prefix else None,
        re.compile(intl) if intl else None,
    )


def fast_phone(text: str, region: str) -> str | None:
    """E.164 for plainly written valid numbers; None means 'use the full parser'."""
    return fast_phones((text,), region).get(text)


def fast_phones(texts: Iterable[str], region: str) -> dict[str, str]:
    """{text: E.164} for the plainly written valid numbers among `texts` (the others are left
    out: they take the full parser). One loop over a whole column, with what depends only on
    the region, the country code or the length looked up once, not per value."""
    found: dict[str, str] = {}
    plain = _PHONE_PLAIN.fullmatch
    rules = _region_rules(region)
    # the first three digits of a +number -> (digits of its country code, its main region)
    leads: dict[str, tuple[int, str] | None] = {}
    # region -> national number length -> the validity pattern (None: no valid number)
    patterns: dict[str, dict[int, re.Pattern[str] | None]] = {}
    if rules is not None:
        code, national_prefix, intl = rules
        own_code, own_plus = str(code), f"+{code}"
        # Prefixes that are plain digits (most are: "0", "1", "011") need no regex.
        prefixes = tuple(p.pattern for p in (national_prefix, intl) if p is not None)
        simple = all(p.isdigit() for p in prefixes)
    candidates = [text for text in texts if plain(text) is not None]
    if not candidates:
        return found
    # Plain texts hold only digits and " ().-+": one translate over them all strips the rest.
    for text, digits in zip(candidates, "\n".join(candidates).translate(_NOT_DIGITS)
                            .split("\n"), strict=True):
        if not digits:
            continue
        if text[0] == "+":
            lead = leads.get(digits[:3], _UNSET)
            if lead is _UNSET:
                lead = leads[digits[:3]] = _country_of(digits[:3])
            if lead is None:
                continue
            national, where, e164 = digits[lead[0]:], lead[1], "+" + digits
        else:
            if rules is None or digits[0] == "0" or digits.startswith(own_code):
                continue
            if simple:
                if prefixes and digits.startswith(prefixes):
                    continue
            elif (national_prefix and national_prefix.match(digits)) or (
                    intl and intl.match(digits)):
                continue
            national, where, e164 = digits, region, own_plus + digits
        size = len(national)
        if not 2 <= size <= 17 or national[0] == "0":
            continue
        by_size = patterns.get(where)
        if by_size is None:
            by_size = patterns[where] = {}
        pattern = by_size.get(size, _UNSET)
        if pattern is _UNSET:
            pattern = by_size[size] = (validation.validity_pattern(where, size)
                                       if _possible_length(where, size) else None)
        if pattern is not None and pattern.fullmatch(national):
            found[text] = e164
    return found


@lru_cache(maxsize=1024)
def _possible_length(region: str, size: int) -> bool:
    """Whether phonenumbers calls a national number of `size` digits possible (not only
    locally) in `region`: it asks the main region of the country code, whose lengths can
    differ (Canada's 7-digit 310 numbers are valid, but possible only locally for the US
    rules that +1 follows), and `check_phone` refuses those."""
    meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
    if meta is None or meta.country_code is None:
        return False
    main = phonenumbers.region_code_for_country_code(meta.country_code)
    rules = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        meta.country_code, main)
    general = rules.general_desc if rules is not None else None
    if general is None:
        return True
    return (size not in (general.possible_length_local_only or ())
            and (not general.possible_length or size in general.possible_length))


def _country_of(lead: str) -> tuple[int, str] | None:
    """(length of the country code, its main region) for the first digits of a +number."""
    if lead[:1] == "0":
        return None
    for size in (1, 2, 3):
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(lead[:size]))
        if regions:
            return size, regions[0]
    return None

