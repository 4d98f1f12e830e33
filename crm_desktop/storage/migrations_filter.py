"""Which database objects Alembic compares with the models (env.py and the tests share it)."""

from __future__ import annotations

from typing import Any

# Tables that live outside the models: the FTS5 search indexes and their shadow tables, the
# audit chain's one-row head (storage/audit_chain.py) and the sales reports' daily totals
# (storage/report_summary.py).
UNMANAGED_PREFIXES = ("customer_search", "customer_short", "sqlite_", "audit_chain",
                      "report_summary", "row_counts")
# Expression and partial indexes: Alembic cannot reflect them on SQLite, so comparing them
# always reports a difference. They are created by revisions 0003, 0006 and 0010 and declared
# in the models.
EXPRESSION_INDEXES = ("ix_opportunities_name_nocase", "ix_tickets_subject_nocase",
                      "ix_contact_points_email_domain", "ix_customers_external_id",
                      "ix_customers_companies")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    if type_ == "index" and name in EXPRESSION_INDEXES:
        return False
    return not (type_ == "table" and name is not None and name.startswith(UNMANAGED_PREFIXES))
