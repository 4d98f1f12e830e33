"""Demo phone numbers are valid for phonenumbers, so an export of the demo re-imports without
a refusal or a warning (issue 10, bug 3a: 4 Singapore numbers of 481 churned customers' export
were outside the listed ranges)."""

from __future__ import annotations

import numpy as np
import phonenumbers
import pytest

from crm_desktop.storage.demo import phones as demo_phones
from crm_desktop.storage.demo.people import CITIES


def _heads(city: demo_phones.City) -> tuple[np.ndarray, np.ndarray]:
    return demo_phones.heads(city[2], city[4], city[5], demo_phones.national_length(city))


# One city per pool (the Chinese cities share their mobile prefixes).
POOLS = {(c[2], c[4], c[5]): c for c in CITIES}.values()


@pytest.mark.parametrize("city", POOLS, ids=[c[0] for c in POOLS])
def test_every_head_is_valid_in_its_country_with_any_tail(city):
    found, scales = _heads(city)
    assert len(found) >= 50 * len(city[5])
    for head, scale in zip(found.tolist(), scales.tolist(), strict=True):
        for tail in (0, scale - 1):
            number = phonenumbers.parse(f"+{head * scale + tail}")
            assert phonenumbers.is_valid_number(number), number
            assert phonenumbers.region_code_for_number(number) == city[2]


def test_numbers_are_valid_and_varied():
    rng = np.random.default_rng(5)
    city = rng.integers(0, len(CITIES), 2000)
    numbers = demo_phones.phones(rng, city, CITIES)
    assert len(set(numbers)) == len(numbers)
    for index, text in zip(city.tolist(), numbers, strict=True):
        number = phonenumbers.parse(text)
        assert phonenumbers.is_valid_number(number), text
        assert phonenumbers.region_code_for_number(number) == CITIES[index][2]
        code, prefixes = CITIES[index][4], CITIES[index][5]
        assert any(text[1:].startswith(code + prefix) for prefix in prefixes), text


def test_singapore_numbers_cover_the_unlisted_range_no_more():
    singapore = next(c for c in CITIES if c[2] == "SG")
    found, _scales = _heads(singapore)
    heads = {str(h)[2:] for h in found.tolist()}  # after the country code 65
    assert {"912", "987", "812", "612"} <= heads and not {f"99{i}" for i in range(10)} & heads


def test_same_generator_state_gives_the_same_numbers():
    city = np.arange(len(CITIES)).repeat(10)
    first = demo_phones.phones(np.random.default_rng(9), city, CITIES)
    assert first == demo_phones.phones(np.random.default_rng(9), city, CITIES)
