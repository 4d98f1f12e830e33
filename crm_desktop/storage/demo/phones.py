"""Demo phone numbers: random, and every one valid for phonenumbers (in a range it lists).

A city's numbers are its country code, one of its prefixes (area code or mobile prefix) and
random digits. Not every such number is allocated (Singapore's mobiles stop at 98xx xxxx), and
an export of the demo must re-import without a warning, so the random digits are split: the
first two pick a *head* among those phonenumbers accepts, the rest (five or more) are free.
A head is accepted when the validity pattern of its region (`validation.validity_pattern`,
phonenumbers' own test as one regex) matches it with the lowest, the highest and a few random
tails: the listed ranges of these regions are decided by the leading digits, and
tests/storage/test_demo.py checks generated numbers with `phonenumbers.is_valid_number`.

The heads are found once per process (a few thousand regex matches); numbers are then made
for a whole chunk of customers at once with numpy.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from crm_desktop.storage.validation import validity_pattern

HEAD_DIGITS = 2  # random digits after the prefix that choose the head
_PROBES = 6  # random tails tried besides all zeros and all nines
# (city, region, country, postal code, phone country code, phone prefixes): people.CITIES
City = tuple[str, str | None, str, str, str, tuple[str, ...]]


def national_length(city: City) -> int:
    """Digits after the country code: Chinese mobiles have 11, the other cities' numbers
    have their prefix and seven digits."""
    prefix_length = len(city[5][0])
    return prefix_length + (8 if city[4] == "86" else 7)


@lru_cache(maxsize=64)
def heads(region: str, code: str, prefixes: tuple[str, ...], length: int
          ) -> tuple[np.ndarray, np.ndarray]:
    """(heads as numbers: country code, prefix and head digits; 10**tail length of each).

    Raises ValueError when no head of a prefix is valid (a prefix that is not the region's).
    """
    pattern = validity_pattern(region, length)
    rng = np.random.default_rng(0)  # the same heads in every run
    found: list[int] = []
    scales: list[int] = []
    for prefix in prefixes:
        tail = length - len(prefix) - HEAD_DIGITS
        probes = ["0" * tail, "9" * tail] + [
            str(t).zfill(tail) for t in rng.integers(0, 10 ** tail, _PROBES).tolist()]
        before = len(found)
        for digits in range(10 ** HEAD_DIGITS):
            head = f"{prefix}{digits:0{HEAD_DIGITS}d}"
            if pattern is not None and all(pattern.fullmatch(head + p) for p in probes):
                found.append(int(code + head))
                scales.append(10 ** tail)
        if len(found) == before:
            raise ValueError(f"no valid {region} number starts with {prefix}")
    return np.array(found, dtype=np.int64), np.array(scales, dtype=np.int64)


def phones(rng: np.random.Generator, city: np.ndarray, cities: tuple[City, ...]) -> list[str]:
    """One E.164 number for each position of `city` (indexes into `cities`)."""
    n = len(city)
    head_pick = rng.integers(0, 1 << 20, n)
    fill = rng.integers(0, 1 << 62, n)
    numbers = np.empty(n, dtype=np.int64)
    for c in np.unique(city).tolist():
        rows = np.flatnonzero(city == c)
        place = cities[c]
        found, scale = heads(place[2], place[4], place[5], national_length(place))
        chosen = head_pick[rows] % len(found)
        numbers[rows] = found[chosen] * scale[chosen] + fill[rows] % scale[chosen]
    return [f"+{number}" for number in numbers.tolist()]
