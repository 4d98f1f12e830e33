"""How audit entries read: translated names of record kinds and actions, shortened values.

The literals are marked with `QT_TRANSLATE_NOOP` so that lupdate finds them; they are
translated when shown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

_CONTEXT = "AuditText"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


_KINDS = {
    "customers": QT_TRANSLATE_NOOP("AuditText", "Customer"),
    "contact_points": QT_TRANSLATE_NOOP("AuditText", "Email or phone"),
    "relationships": QT_TRANSLATE_NOOP("AuditText", "Relationship"),
    "interactions": QT_TRANSLATE_NOOP("AuditText", "Activity"),
    "products": QT_TRANSLATE_NOOP("AuditText", "Product"),
    "opportunities": QT_TRANSLATE_NOOP("AuditText", "Opportunity"),
    "stage_changes": QT_TRANSLATE_NOOP("AuditText", "Stage change"),
    "quotes": QT_TRANSLATE_NOOP("AuditText", "Quote"),
    "quote_lines": QT_TRANSLATE_NOOP("AuditText", "Quote line"),
    "orders": QT_TRANSLATE_NOOP("AuditText", "Order"),
    "order_lines": QT_TRANSLATE_NOOP("AuditText", "Order line"),
    "contracts": QT_TRANSLATE_NOOP("AuditText", "Contract"),
    "campaigns": QT_TRANSLATE_NOOP("AuditText", "Campaign"),
    "campaign_members": QT_TRANSLATE_NOOP("AuditText", "Campaign member"),
    "segments": QT_TRANSLATE_NOOP("AuditText", "Segment"),
    "tickets": QT_TRANSLATE_NOOP("AuditText", "Ticket"),
    "ticket_messages": QT_TRANSLATE_NOOP("AuditText", "Ticket message"),
    "survey_responses": QT_TRANSLATE_NOOP("AuditText", "Survey response"),
    "sales_targets": QT_TRANSLATE_NOOP("AuditText", "Sales target"),
    "settings": QT_TRANSLATE_NOOP("AuditText", "Setting"),
    "pipelines": QT_TRANSLATE_NOOP("AuditText", "Pipeline"),
    "stages": QT_TRANSLATE_NOOP("AuditText", "Stage"),
    "demo": QT_TRANSLATE_NOOP("AuditText", "Demo data"),
}

_ACTIONS = {
    "create": QT_TRANSLATE_NOOP("AuditText", "created"),
    "update": QT_TRANSLATE_NOOP("AuditText", "changed"),
    "delete": QT_TRANSLATE_NOOP("AuditText", "moved to trash"),
    "restore": QT_TRANSLATE_NOOP("AuditText", "restored"),
    "purge": QT_TRANSLATE_NOOP("AuditText", "deleted for good"),
    "merge": QT_TRANSLATE_NOOP("AuditText", "merged"),
    "unmerge": QT_TRANSLATE_NOOP("AuditText", "merge undone"),
    "import": QT_TRANSLATE_NOOP("AuditText", "imported"),
}


def kind_label(entity: str) -> str:
    """A record kind (table name) as the user knows it; unknown kinds as stored."""
    return _tr(_KINDS[entity]) if entity in _KINDS else entity


def action_label(action: str) -> str:
    return _tr(_ACTIONS[action]) if action in _ACTIONS else action


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
    return QCoreApplication.translate("AuditText", "{0}: {1} → {2}").format(field, before,
                                                                             after)
