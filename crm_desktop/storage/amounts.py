"""Money summed per currency: amounts in different currencies are never added together.

The project has no exchange-rate table, so a total over records in several currencies is a set
of per-currency parts (shown as "€12,400 · $3,100"), each exact (Decimal, two places).

    Amounts.from_cents([("EUR", 1_240_000), ("USD", 310_000), ("EUR", 50)])
    # Amounts(parts=(("EUR", Decimal("12400.50")), ("USD", Decimal("3100.00"))))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Amounts:
    """Per-currency parts of a total, biggest first (ties by currency code); zero parts of a
    currency that occurs are kept, so "no records" (no parts) differs from "sums to 0"."""

    parts: tuple[tuple[str, Decimal], ...] = ()

    @classmethod
    def from_cents(cls, rows: Iterable[tuple[str | None, int | float | Decimal | None]],
                   scale: int = 1) -> Amounts:
        """Sum (currency, minor units) rows; `scale` divides once more (e.g. 100 for cents x
        percent). A row without a currency cannot be labelled and is kept under "" ."""
        totals: dict[str, Decimal] = {}
        for currency, cents in rows:
            code = (currency or "").strip().upper()
            totals[code] = totals.get(code, Decimal(0)) + Decimal(int(cents or 0))
        return cls.of({code: value / 100 / scale for code, value in totals.items()})

    @classmethod
    def of(cls, totals: dict[str, Decimal]) -> Amounts:
        quantized = {code: value.quantize(CENT) for code, value in totals.items()}
        ordered = sorted(quantized.items(), key=lambda item: (-item[1], item[0]))
        return cls(tuple(ordered))

    def __add__(self, other: Amounts) -> Amounts:
        totals = dict(self.parts)
        for code, value in other.parts:
            totals[code] = totals.get(code, Decimal(0)) + value
        return Amounts.of(totals)

    def __bool__(self) -> bool:
        return bool(self.parts)

    def get(self, currency: str) -> Decimal:
        """The part in `currency` (0 when there is none)."""
        return dict(self.parts).get(currency.upper(), Decimal("0.00"))

    @property
    def currencies(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.parts)


def total(amounts: Iterable[Amounts]) -> Amounts:
    """The per-currency sum of several totals."""
    result = Amounts()
    for item in amounts:
        result = result + item
    return result
