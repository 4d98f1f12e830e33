"""Choices the analysis parameters offer that come from the data (one small query each)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database

_CATEGORIES = """
SELECT DISTINCT category FROM products
 WHERE deleted_at IS NULL AND category IS NOT NULL AND trim(category) != ''
 ORDER BY 1
"""


def product_categories(database: Database) -> list[str]:
    """The categories of the live products, sorted: the targets a purchase propensity can
    have besides "any"."""
    from crm_desktop.storage.database import raw_connection

    with raw_connection(database) as connection:
        cursor = connection.cursor()
        try:
            cursor.execute(_CATEGORIES)
            return [str(row[0]) for row in cursor.fetchall()]
        finally:
            cursor.close()
