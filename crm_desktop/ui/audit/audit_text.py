"""How audit entries read: translated names of record kinds and actions, shortened values."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

_CONTEXT = "AuditText"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def kind_label(entity: str) -> str:
    """A record kind (table name) as the user knows it; unknown kinds as stored."""
    labels = {
        "customers": _tr("Customer"), "contact_points": _tr("Email or phone"),
        "relationships": _tr("Relationship"), "interactions": _tr("Activity"),
        "products": _tr("Product"), "opportunities": _tr("Opportunity"),
        "stage_changes": _tr("Stage change"), "quotes": _tr("Quote"),
        "quote_lines": _tr("Quote line"), "orders": _tr("Order"),
        "order_lines": _tr("Order line"), "contracts": _tr("Contract"),
        "campaigns": _tr("Campaign"), "campaign_members": _tr("Campaign member"),
        "segments": _tr("Segment"), "tickets": _tr("Ticket"),
        "ticket_messages": _tr("Ticket message"), "survey_responses": _tr("Survey response"),
        "sales_targets": _tr("Sales target"), "settings": _tr("Setting"),
        "pipelines": _tr("Pipeline"), "stages": _tr("Stage"), "demo": _tr("Demo data"),
    }
    return labels.get(entity, entity)


def action_label(action: str) -> str:
    labels = {
        "create": _tr("created"), "update": _tr("changed"), "delete": _tr("moved to trash"),
        "restore": _tr("restored"), "purge": _tr("deleted for good"), "merge": _tr("merged"),
        "unmerge": _tr("merge undone"), "import": _tr("imported"),
    }
    return labels.get(action, action)


def short_value(value: str | None, limit: int = 80) -> str:
    """A value on one line, cut to `limit` characters (the details pane shows it whole)."""
    if value is None:
        return ""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def change_text(field: str | None, old: str | None, new: str | None) -> str:
    """'field: old → new', with ∅ for no value."""
    before = short_value(old, 40) if old is not None else "∅"
    after = short_value(new, 40) if new is not None else "∅"
    if field is None:
        return after if new is not None else ""
    return _tr("{0}: {1} → {2}").format(field, before, after)
