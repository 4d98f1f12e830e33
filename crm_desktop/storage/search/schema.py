"""DDL of the customer search indexes (SQLite FTS5) and the triggers that keep them in sync.

Two FTS5 tables, both keyed by the customer's id as rowid:
- `customer_search` (trigram tokenizer): substring search of three or more characters over name,
  company, emails, phone digits, city and notes;
- `customer_short` (one token per one- and two-character gram of name, company and city): what
  answers the queries trigrams cannot, such as a two-character Chinese name.

Bulk loads (the import, demo data) drop the triggers and add the index rows themselves
(`fill_statements`), because updating an index row per inserted contact is far slower.
"""

from __future__ import annotations

from typing import Any

CREATE_TABLES = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_search USING fts5("
    "name, company, emails, phones, city, notes, tokenize='trigram')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS customer_short USING fts5("
    "grams, tokenize='unicode61 remove_diacritics 0')",
)

_ROW = """
SELECT c.id, c.name,
       (SELECT p.name FROM customers p WHERE p.id = c.company_id),
       (SELECT group_concat(e.normalized, ' ') FROM contact_points e
         WHERE e.customer_id = c.id AND e.kind = 'email'),
       (SELECT group_concat(t.normalized, ' ') FROM contact_points t
         WHERE t.customer_id = c.id AND t.kind = 'phone'),
       c.city, c.notes
  FROM customers c WHERE {where}
"""

_SHORT_ROW = """
SELECT c.id, crm_short_grams(c.name, (SELECT p.name FROM customers p WHERE p.id = c.company_id),
       c.city)
  FROM customers c WHERE {where}
"""

_INSERT = "INSERT INTO customer_search(rowid, name, company, emails, phones, city, notes)"
_INSERT_SHORT = "INSERT INTO customer_short(rowid, grams)"


def _refresh(key: str) -> str:
    """Statements that rebuild the index rows of the customer whose id is `key`."""
    return (
        f"DELETE FROM customer_search WHERE rowid = {key};\n"
        f"DELETE FROM customer_short WHERE rowid = {key};\n"
        f"{_INSERT} {_ROW.format(where=f'c.id = {key}')};\n"
        f"{_INSERT_SHORT} {_SHORT_ROW.format(where=f'c.id = {key}')};\n"
    )


def _contacts(row: str) -> str:
    """The statement that refreshes the emails and phones of the customer of contact point
    `row` ("NEW" or "OLD") in the index."""
    return f"""UPDATE customer_search SET
  emails = (SELECT group_concat(normalized, ' ') FROM contact_points
             WHERE customer_id = {row}.customer_id AND kind = 'email'),
  phones = (SELECT group_concat(normalized, ' ') FROM contact_points
             WHERE customer_id = {row}.customer_id AND kind = 'phone')
 WHERE rowid = {row}.customer_id;
"""


_EMPLOYEES = "(SELECT id FROM customers WHERE company_id = NEW.id)"

CREATE_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS customers_search_ai AFTER INSERT ON customers BEGIN
{_refresh("NEW.id")}END""",
    f"""CREATE TRIGGER IF NOT EXISTS customers_search_au
AFTER UPDATE OF name, company_id, city, notes ON customers BEGIN
{_refresh("NEW.id")}
UPDATE customer_search SET company = NEW.name WHERE rowid IN {_EMPLOYEES};
UPDATE customer_short SET grams = (
    SELECT crm_short_grams(c.name, NEW.name, c.city) FROM customers c
     WHERE c.id = customer_short.rowid)
 WHERE rowid IN {_EMPLOYEES};
END""",
    """CREATE TRIGGER IF NOT EXISTS customers_search_ad AFTER DELETE ON customers BEGIN
DELETE FROM customer_search WHERE rowid = OLD.id;
DELETE FROM customer_short WHERE rowid = OLD.id;
END""",
    f"""CREATE TRIGGER IF NOT EXISTS contacts_search_ai AFTER INSERT ON contact_points BEGIN
{_contacts("NEW")}END""",
    f"""CREATE TRIGGER IF NOT EXISTS contacts_search_au AFTER UPDATE ON contact_points BEGIN
{_contacts("OLD")}{_contacts("NEW")}END""",
    f"""CREATE TRIGGER IF NOT EXISTS contacts_search_ad AFTER DELETE ON contact_points BEGIN
{_contacts("OLD")}END""",
)

TRIGGER_NAMES = (
    "customers_search_ai", "customers_search_au", "customers_search_ad",
    "contacts_search_ai", "contacts_search_au", "contacts_search_ad",
)

REBUILD = (
    "DELETE FROM customer_search",
    "DELETE FROM customer_short",
    f"{_INSERT} {_ROW.format(where='1')}",
    f"{_INSERT_SHORT} {_SHORT_ROW.format(where='1')}",
    # Merge the index segments a bulk insert leaves behind: at a million customers this takes
    # ~3 s once and cuts cold-cache search p95 several-fold (fewer segments to read per term).
    "INSERT INTO customer_search(customer_search) VALUES('optimize')",
    "INSERT INTO customer_short(customer_short) VALUES('optimize')",
)


def fill_statements(where: str = "1") -> tuple[str, str]:
    """The `INSERT ... SELECT` statements that add the rows of both indexes for the customers
    `where` selects (an SQL condition on `c`, the customers table): bulk loads index what they
    added with these instead of a trigger per row."""
    return (f"{_INSERT} {_ROW.format(where=where)}",
            f"{_INSERT_SHORT} {_SHORT_ROW.format(where=where)}")


def create_all(execute: Any) -> None:
    """Create tables and triggers; `execute` runs one SQL string (op.execute or a cursor's)."""
    for statement in (*CREATE_TABLES, *CREATE_TRIGGERS):
        execute(statement)


def drop_all(execute: Any) -> None:
    for name in TRIGGER_NAMES:
        execute(f"DROP TRIGGER IF EXISTS {name}")
    execute("DROP TABLE IF EXISTS customer_search")
    execute("DROP TABLE IF EXISTS customer_short")


def rebuild(execute: Any) -> None:
    for statement in REBUILD:
        execute(statement)
