"""Resolve a ticket with the customer's satisfaction (1-5) and feedback."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from crm_desktop.services import service
from crm_desktop.storage.database import Database
from crm_desktop.ui.dialogs.form import notes
from crm_desktop.ui.dialogs.record_dialog import RecordDialog


class RatingInput(QWidget):
    """Five radio buttons (1 = very unhappy ... 5 = very happy) and 'no rating'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        none = QRadioButton(self.tr("No rating"))
        none.setObjectName("rating0")
        self.group.addButton(none, 0)
        layout.addWidget(none)
        captions = {1: self.tr("very unhappy"), 3: self.tr("neutral"), 5: self.tr("very happy")}
        for score in range(1, 6):
            button = QRadioButton(str(score))
            button.setObjectName(f"rating{score}")
            button.setAccessibleName(
                self.tr("Satisfaction %1").replace("%1", str(score))
                + (f" ({captions[score]})" if score in captions else "")
            )
            if score in captions:
                button.setToolTip(captions[score])
            self.group.addButton(button, score)
            layout.addWidget(button)
        layout.addStretch(1)
        none.setChecked(True)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, score: int | None) -> None:
        button = self.group.button(score or 0)
        if button is not None:
            button.setChecked(True)


class ResolveDialog(RecordDialog):
    """Resolving is undoable: the undo writes back the ticket's status, times and rating."""

    entity = "tickets"

    def __init__(self, database: Database, ticket_id: int, parent: QWidget | None = None) -> None:
        super().__init__(database, self.tr("Resolve ticket"), "resolveDialog", parent)
        self.ticket_id = ticket_id
        ticket = service.form(database, ticket_id)
        self.setWindowTitle(self.tr("Resolve %1: %2").replace("%1", ticket.number)
                            .replace("%2", ticket.subject))
        self.rating = RatingInput()
        self.add_field("satisfaction", self.tr("Satisfaction"), self.rating)
        self.add_field("feedback", self.tr("Feedback"), notes())
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("Resolve"))
        self.resize(460, self.sizeHint().height())

    def save(self) -> None:
        self.saved_edit(service.resolve(self.database, self.ticket_id, self.rating.value(),
                                        self.text("feedback")), service.set_resolution)
