""""Likely to buy next": the product suggestions the basket analysis stored per customer
(``analytics_results`` kind ``next_products``: details ``products``, ``product_ids``,
``because``), read for the customer detail and for targeting a campaign at the customers to
whom a product is suggested."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

NEXT_KIND = "next_products"


@dataclass(frozen=True)
class NextProduct:
    """One suggestion for a customer, best first: the product and what it goes with."""

    product_id: int | None
    name: str
    because: str  # the products bought that suggest it ("Printer + Toner"), may be ""


@dataclass(frozen=True)
class SuggestedProduct:
    """A product suggested to ``customers`` live customers."""

    product_id: int
    name: str
    customers: int


def _items(details: Any, key: str) -> list[Any]:
    value = details.get(key) if isinstance(details, dict) else None
    return list(value) if isinstance(value, list) else []


def next_products(database: Database, customer_id: int) -> tuple[NextProduct, ...]:
    """The stored suggestions for one customer, best first (empty when none are stored)."""
    import json

    with database.engine.connect() as connection:
        raw = connection.execute(text(
            "SELECT details FROM analytics_results WHERE customer_id = :cid AND kind = :kind"),
            {"cid": customer_id, "kind": NEXT_KIND}).scalar()
    details = json.loads(raw) if isinstance(raw, str) else raw
    names, ids, because = (_items(details, k) for k in ("products", "product_ids", "because"))
    return tuple(
        NextProduct(int(ids[i]) if i < len(ids) and ids[i] is not None else None, str(name),
                    str(because[i]) if i < len(because) and because[i] else "")
        for i, name in enumerate(names))


_SUGGESTED = """
    SELECT CAST(j.value AS INTEGER) AS product_id, r.customer_id
      FROM analytics_results r, json_each(r.details, '$.product_ids') j
      JOIN customers c ON c.id = r.customer_id AND c.deleted_at IS NULL
     WHERE r.kind = :kind
"""


def customers_suggested(database: Database, product_id: int) -> list[int]:
    """Ids of the live customers to whom the product is suggested, ascending."""
    with database.engine.connect() as connection:
        rows = connection.execute(text(
            f"SELECT DISTINCT customer_id FROM ({_SUGGESTED}) WHERE product_id = :pid "
            "ORDER BY customer_id"), {"kind": NEXT_KIND, "pid": product_id})
        return [int(cid) for (cid,) in rows]


def suggested_products(database: Database) -> list[SuggestedProduct]:
    """Every product suggested to someone, with how many customers, most first."""
    with database.engine.connect() as connection:
        rows = connection.execute(text(
            f"SELECT s.product_id, p.name, count(DISTINCT s.customer_id) AS n "
            f"FROM ({_SUGGESTED}) s JOIN products p ON p.id = s.product_id "
            "GROUP BY s.product_id, p.name ORDER BY n DESC, p.name"), {"kind": NEXT_KIND})
        return [SuggestedProduct(int(pid), str(name), int(n)) for pid, name, n in rows]
