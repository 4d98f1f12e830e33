"""Display names of the stored codes (statuses, priorities, kinds, channels), translated.

The literals are listed so that lupdate finds them; `label(code)` translates at run time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

CONTEXT = "choices"

_LABELS = {
    # opportunities, quotes, orders, contracts
    "open": QT_TRANSLATE_NOOP("choices", "Open"),
    "won": QT_TRANSLATE_NOOP("choices", "Won"),
    "lost": QT_TRANSLATE_NOOP("choices", "Lost"),
    "draft": QT_TRANSLATE_NOOP("choices", "Draft"),
    "sent": QT_TRANSLATE_NOOP("choices", "Sent"),
    "accepted": QT_TRANSLATE_NOOP("choices", "Accepted"),
    "rejected": QT_TRANSLATE_NOOP("choices", "Rejected"),
    "expired": QT_TRANSLATE_NOOP("choices", "Expired"),
    "paid": QT_TRANSLATE_NOOP("choices", "Paid"),
    "refunded": QT_TRANSLATE_NOOP("choices", "Refunded"),
    "cancelled": QT_TRANSLATE_NOOP("choices", "Cancelled"),
    "active": QT_TRANSLATE_NOOP("choices", "Active"),
    "renewed": QT_TRANSLATE_NOOP("choices", "Renewed"),
    # campaigns
    "planned": QT_TRANSLATE_NOOP("choices", "Planned"),
    "completed": QT_TRANSLATE_NOOP("choices", "Completed"),
    "targeted": QT_TRANSLATE_NOOP("choices", "Targeted"),
    "responded": QT_TRANSLATE_NOOP("choices", "Responded"),
    "converted": QT_TRANSLATE_NOOP("choices", "Converted"),
    "sms": QT_TRANSLATE_NOOP("choices", "SMS"),
    "event": QT_TRANSLATE_NOOP("choices", "Event"),
    "print": QT_TRANSLATE_NOOP("choices", "Print"),
    "other": QT_TRANSLATE_NOOP("choices", "Other"),
    # tickets
    "consultation": QT_TRANSLATE_NOOP("choices", "Consultation"),
    "complaint": QT_TRANSLATE_NOOP("choices", "Complaint"),
    "refund": QT_TRANSLATE_NOOP("choices", "Refund"),
    "exchange": QT_TRANSLATE_NOOP("choices", "Exchange"),
    "low": QT_TRANSLATE_NOOP("choices", "Low"),
    "normal": QT_TRANSLATE_NOOP("choices", "Normal"),
    "high": QT_TRANSLATE_NOOP("choices", "High"),
    "urgent": QT_TRANSLATE_NOOP("choices", "Urgent"),
    "pending": QT_TRANSLATE_NOOP("choices", "Pending"),
    "resolved": QT_TRANSLATE_NOOP("choices", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("choices", "Closed"),
    "phone": QT_TRANSLATE_NOOP("choices", "Phone"),
    "email": QT_TRANSLATE_NOOP("choices", "Email"),
    "chat": QT_TRANSLATE_NOOP("choices", "Chat"),
    "web": QT_TRANSLATE_NOOP("choices", "Web"),
    "visit": QT_TRANSLATE_NOOP("choices", "Visit"),
    "social": QT_TRANSLATE_NOOP("choices", "Social"),
    # interactions
    "call": QT_TRANSLATE_NOOP("choices", "Call"),
    "meeting": QT_TRANSLATE_NOOP("choices", "Meeting"),
    "note": QT_TRANSLATE_NOOP("choices", "Note"),
    "task": QT_TRANSLATE_NOOP("choices", "Task"),
}


def label(code: str | None) -> str:
    if not code:
        return ""
    source = _LABELS.get(code)
    if source is None:
        return code
    return QCoreApplication.translate(CONTEXT, source)


def items(codes: Iterable[str]) -> list[tuple[str, Any]]:
    """(display name, code) pairs for a combo box."""
    return [(label(code), code) for code in codes]
