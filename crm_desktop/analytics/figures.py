"""Headline figures as the analyses report them (their "quality" tables)."""

from __future__ import annotations

from typing import Any


def num(value: Any, digits: int = 4) -> float | str:
    """A figure: a float rounded to ``digits``, "n/a" for None or NaN (other text as it is)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "n/a" if value is None else str(value)
    return "n/a" if number != number else round(number, digits)
