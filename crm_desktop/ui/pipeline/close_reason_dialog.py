"""Asked when an opportunity moves to a won or lost stage: why?"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from crm_desktop.storage.errors import ValidationError
from crm_desktop.ui.dialogs.form import FormDialog
from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

CONTEXT = "CloseReasonDialog"
WON_REASONS = (
    QT_TRANSLATE_NOOP("CloseReasonDialog", "Best value"), QT_TRANSLATE_NOOP("CloseReasonDialog", "Relationship"),
    QT_TRANSLATE_NOOP("CloseReasonDialog", "Product fit"), QT_TRANSLATE_NOOP("CloseReasonDialog", "Price"),
)
LOST_REASONS = (
    QT_TRANSLATE_NOOP("CloseReasonDialog", "Price"), QT_TRANSLATE_NOOP("CloseReasonDialog", "Chose a competitor"),
    QT_TRANSLATE_NOOP("CloseReasonDialog", "No budget"), QT_TRANSLATE_NOOP("CloseReasonDialog", "No decision"),
    QT_TRANSLATE_NOOP("CloseReasonDialog", "Timing"),
)


class CloseReasonDialog(FormDialog):
    """Collects the reason only; the page makes the (undoable) move with it."""

    def __init__(self, opportunity_name: str, stage_name: str, kind: str,
                 parent: QWidget | None = None) -> None:
        title = (self.tr("Won: %1") if kind == "won" else self.tr("Lost: %1")).replace(
            "%1", opportunity_name)
        super().__init__(title, "closeReasonDialog", parent)
        self.kind = kind
        self.stage_name = stage_name
        reason = QComboBox()
        reason.setEditable(True)
        reason.setMinimumWidth(260)
        reason.addItem("")
        for text in WON_REASONS if kind == "won" else LOST_REASONS:
            reason.addItem(QCoreApplication.translate(CONTEXT, text))
        prompt = (self.tr("Why was it won?") if kind == "won" else self.tr("Why was it lost?"))
        self.add_field("reason", prompt, reason, required=True)
        self.reason_text = ""
        reason.setFocus()
        self.resize(440, self.sizeHint().height())

    def save(self) -> None:
        text = self.text("reason")
        if not text:
            raise ValidationError("reason", self.tr("say why the opportunity was %1").replace(
                "%1", self.stage_name))
        self.reason_text = text
