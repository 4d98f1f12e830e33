"""Act on the customers of a shown result: the selected rows, or else the group chosen in the
combo (a risk band, a segment, every row). A campaign with them as targeted members,
follow-up tasks, a tag, an export of the rows as shown. Each write goes through
services.insights.actions, runs in one transaction and lands on the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from crm_desktop.services.insights import actions
from crm_desktop.services.records import restore, trash
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import spin_box_look
from crm_desktop.ui.undo import push_command

if TYPE_CHECKING:
    from crm_desktop.ui.analytics.frame_model import FrameModel
    from crm_desktop.ui.context import AppContext

ALL = "\x00all"  # the combo's "every row" entry


class ResultActions(QWidget):
    """The row of actions above a result table (``view`` over ``model``)."""

    def __init__(self, context: AppContext, view: QTableView, model: FrameModel,
                 say: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.view, self.model, self._say = context, view, model, say
        self._outcome: Any = None
        self.group = named(QComboBox(), "analysisGroup")
        self.group.setAccessibleName(self.tr("Customers to act on"))
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.campaign_button = named(QPushButton(self.tr("Campaign…")), "analysisCampaign")
        self.campaign_button.setToolTip(self.tr("Create a campaign with these customers"))
        self.tasks_button = named(QPushButton(self.tr("Follow-up tasks…")), "analysisTasks")
        self.tasks_button.setToolTip(self.tr("Give each of these customers a follow-up task"))
        self.tag_button = named(QPushButton(self.tr("Tag…")), "analysisTag")
        self.tag_button.setToolTip(self.tr("Add a tag to these customers"))
        self.export_button = named(QPushButton(self.tr("Export…")), "analysisExport")
        self.export_button.setToolTip(self.tr("Save these rows as shown to a CSV or Excel file"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self.tr("Act on:"))
        row.addWidget(self.label)
        row.addWidget(self.group)
        for button in (self.campaign_button, self.tasks_button, self.tag_button,
                       self.export_button):
            row.addWidget(button)
        row.addStretch(1)
        self.campaign_button.clicked.connect(lambda: self.make_campaign())
        self.tasks_button.clicked.connect(lambda: self.make_tasks())
        self.tag_button.clicked.connect(lambda: self.add_tag())
        self.export_button.clicked.connect(lambda: self.export())
        self.set_outcome(None)

    # ------------------------------------------------------------------------------ choosing
    def set_outcome(self, outcome: Any) -> None:
        """Offer the groups of a new result (or nothing for a result without customers)."""
        from crm_desktop.ui.analytics.insight_text import LocaleFormats, cell

        chosen = self.group.currentData() if outcome is self._outcome else None
        self._outcome = outcome
        self.group.clear()
        table: Any = getattr(outcome, "table", None)
        usable = table is not None and "customer_id" in table.columns and len(table) > 0
        self.setVisible(usable)
        if table is None or not usable:
            return
        self.group.addItem(self.tr("All %1 rows").replace(
            "%1", LocaleFormats().count(len(table))), ALL)
        column = outcome.groups
        if column and column in table.columns:
            kind = (outcome.columns or {}).get(column)
            formats = LocaleFormats(outcome.currency)
            counts = table[column].astype(str).value_counts(sort=False)
            names = getattr(outcome, "names", None)
            for value in _ordered(counts.index.tolist()):
                self.group.addItem(self.tr("%1 (%2)").replace(
                    "%1", cell(kind, value, formats, names)).replace(
                    "%2", formats.count(int(counts[value]))), value)
            default = chosen or {"churn": "high", "propensity": "likely",
                                 "winprob": "likely"}.get(outcome.name)
            if default is not None and self.group.findData(default) >= 0:
                self.group.setCurrentIndex(self.group.findData(default))

    def choose_group(self, value: str) -> None:
        self.view.clearSelection()
        self.group.setCurrentIndex(max(0, self.group.findData(value)))

    def chosen_rows(self) -> Any:
        """The selected rows of the table, else the rows of the chosen group."""
        frame = self.model.frame()
        selected = sorted({index.row() for index in self.view.selectionModel().selectedRows()}
                          ) if self.view.selectionModel() else []
        if selected:
            return frame.iloc[selected]
        value = self.group.currentData()
        column = getattr(self._outcome, "groups", None)
        if value in (None, ALL) or not column or column not in frame.columns:
            return frame
        return frame[(frame[column].astype(str) == value).to_numpy()]

    def chosen_ids(self) -> list[int]:
        return actions.unique_ids(self.chosen_rows()["customer_id"].tolist())

    def _what(self) -> str:
        """The chosen customers in words: "High risk (877)", "12 selected customers"."""
        if self.view.selectionModel() and self.view.selectionModel().selectedRows():
            return self.tr("%n selected customers", "", len(self.chosen_ids()))
        return self.group.currentText()

    # ------------------------------------------------------------------------------ actions
    def make_campaign(self, name: str | None = None) -> int | None:
        """A campaign with the chosen customers as members; returns its id (None: cancelled)."""
        ids = self.chosen_ids()
        if name is None:
            suggested = self.tr("%1 – %2").replace("%1", self._what()).replace(
                "%2", QDate.currentDate().toString(Qt.DateFormat.ISODate))
            name, ok = QInputDialog.getText(self, self.tr("Campaign"), self.tr(
                "Name of the campaign for %1:").replace("%1", self._what()), text=suggested)
            if not ok:
                return None
        state: dict[str, actions.CampaignMade] = {}

        def do() -> Any:
            made = (actions.redo_campaign(self.context.database, state["made"], ids)
                    if "made" in state else actions.campaign_with(self.context.database,
                                                                  str(name), ids))
            state["made"] = made.value
            return made

        def undo() -> Any:
            return actions.undo_campaign(self.context.database, state["made"])

        return self._run(lambda: push_command(
            self.context, self.tr("Campaign %1").replace("%1", str(name)), do, undo),
            lambda out: self.tr("Campaign “%1” with %2 customers").replace(
                "%1", str(name)).replace("%2", str(len(out.value.member_ids))),
            lambda out: out.value.campaign_id)

    def make_tasks(self, subject: str | None = None, due: datetime | None = None,
                   owner: str | None = None) -> tuple[int, ...] | None:
        ids = self.chosen_ids()
        if subject is None or due is None:
            asked = TasksDialog.ask(self, self._what())
            if asked is None:
                return None
            subject, due, owner = asked
        db = self.context.database
        made: dict[str, tuple[int, ...]] = {}

        def do() -> Any:
            if "ids" in made:
                return restore(db, "interactions", made["ids"])
            out = actions.tasks_for(db, ids, str(subject), due, owner=owner or None)
            made["ids"] = out.value
            return out

        return self._run(lambda: push_command(
            self.context, self.tr("Follow-up tasks"), do,
            lambda: trash(db, "interactions", made["ids"])),
            lambda out: self.tr("%1 follow-up tasks made").replace("%1", str(len(out.value))),
            lambda out: out.value)

    def add_tag(self, tag: str | None = None) -> int | None:
        ids = self.chosen_ids()
        if tag is None:
            tag, ok = QInputDialog.getText(self, self.tr("Tag"), self.tr(
                "Tag to add to %1:").replace("%1", self._what()))
            if not ok or not tag.strip():
                return None
        db = self.context.database
        change: dict[str, actions.TagChange] = {}

        def do() -> Any:
            out = actions.tag_customers(db, ids, str(tag))
            change["last"] = out.value
            return out

        return self._run(lambda: push_command(
            self.context, self.tr("Tag %1").replace("%1", str(tag)), do,
            lambda: actions.untag(db, change["last"])),
            lambda out: self.tr("Tagged %1 customers “%2”").replace(
                "%1", str(len(out.value.before))).replace("%2", out.value.tag),
            lambda out: len(out.value.before))

    def export(self, path: str | None = None) -> int | None:
        if path is None:
            path, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export"), "", self.tr("CSV (*.csv);;Excel (*.xlsx)"))
            if not path:
                return None
        rows = self.chosen_rows()
        shown = [c for c in range(self.model.columnCount())
                 if c not in self.model.hidden_columns()]
        frame = self.model.frame()
        positions = [frame.index.get_loc(i) for i in rows.index]
        headers = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in shown]
        cells = ([self.model.data(self.model.index(r, c)) for c in shown] for r in positions)
        return self._run(lambda: actions.export_rows(str(path), headers, cells),
                         lambda count: self.tr("Exported %1 rows to %2").replace(
                             "%1", str(count)).replace("%2", str(path)),
                         lambda count: count)

    def _run(self, work: Callable[[], Any], said: Callable[[Any], str],
             value: Callable[[Any], Any]) -> Any:
        from crm_desktop.storage.errors import StorageError
        from crm_desktop.ui.errors import show_error

        try:
            out = work()
        except StorageError as error:
            self._say(str(error))
            show_error(self, error)
            return None
        self._say(said(out))
        return value(out)


def _ordered(values: list[str]) -> list[str]:
    """Bands in their order (high before medium before low), anything else as it comes."""
    order = ["high", "medium", "low", "likely", "possible", "unlikely"]
    return sorted(values, key=lambda v: (order.index(v) if v in order else len(order), v))


class TasksDialog(QDialog):
    """Subject, due date and owner of the follow-up tasks."""

    def __init__(self, parent: QWidget | None, what: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Follow-up tasks for %1").replace("%1", what))
        self.subject = named(QLineEdit(self.tr("Follow up")), "tasksSubject")
        self.due = named(spin_box_look(QDateEdit(QDate.currentDate().addDays(1))), "tasksDue")
        self.due.setCalendarPopup(True)
        self.owner = named(QLineEdit(), "tasksOwner")
        self.owner.setPlaceholderText(self.tr("each customer's owner"))
        form = QFormLayout(self)
        form.addRow(self.tr("Subject:"), self.subject)
        form.addRow(self.tr("Due:"), self.due)
        form.addRow(self.tr("Owner:"), self.owner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None, what: str) -> tuple[str, datetime, str] | None:
        dialog = cls(parent, what)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        due = datetime.combine(dialog.due.date().toPython(), time(9, 0))  # type: ignore[arg-type]
        return dialog.subject.text(), due, dialog.owner.text().strip()
