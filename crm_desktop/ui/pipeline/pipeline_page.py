"""The sales pipeline: a kanban board by stage (or the same opportunities as a table).

Column figures come from SQL aggregates and each column shows its top N cards (by amount or
close date) with "N more…", which opens the table filtered to that stage; the board is loaded
by a worker. Moving a card (drag and drop, context menu, Ctrl+Left/Right) calls
`services.pipeline.move` through the shared undo stack (undo: `undo_move`); won and lost ask
for a reason.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.services import pipeline
from crm_desktop.services.pipeline import OpportunityDetail, StageMove
from crm_desktop.services.targets import ProgressReport
from crm_desktop.storage import board as board_storage
from crm_desktop.storage.amounts import total
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.query_filter import Filter
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.pages.list_page import ListPage
from crm_desktop.ui.pages.page_tools import DetailPane, open_form
from crm_desktop.ui.pipeline.close_reason_dialog import CloseReasonDialog
from crm_desktop.ui.pipeline.kanban import KanbanBoard
from crm_desktop.ui.pipeline.opportunity_dialog import OpportunityDialog
from crm_desktop.ui.pipeline.pipeline_views import (
    PERIODS,
    opportunity_html,
    opportunity_spec,
    period_filters,
    period_range,
    period_titles,
)
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.undo import push_command, push_trash
from crm_desktop.ui.widgets.display import money_parts
from crm_desktop.ui.widgets.elided_label import ElidedLabel
from crm_desktop.ui.widgets.filter_bar import FilterField

log = logging.getLogger(__name__)

CARDS_PER_COLUMN = 40


class PipelinePage(ListPage):
    entities = ("opportunities", "stages", "customers", "sales_targets")
    boardLoaded = Signal()  # noqa: N815 - the board shows fresh data
    targetLoaded = Signal()  # noqa: N815 - the target line shows fresh progress

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("pipelinePage")
        self.setAccessibleName("pipelinePage")
        self.cards_per_column = CARDS_PER_COLUMN
        # The default pipeline is created on first use, here, before any worker reads.
        stages = tuple((s.name, s.id) for s in pipeline.stages(context.database))
        self.shown: OpportunityDetail | None = None
        self.make_list(
            opportunity_spec(),
            [FilterField("owner", self.tr("Owner"), ()),  # filled when the board loads
             FilterField("stage_id", self.tr("Stage"), stages),
             FilterField("status", self.tr("Status"),
                         ((self.tr("Open"), "open"), (self.tr("Won"), "won"),
                          (self.tr("Lost"), "lost")))],
            table_name="opportunityTable", filter_name="pipelineFilter",
        )
        self.filter_bar = self.list.filter_bar
        # One filter bar for both views: the page applies it (plus the close period).
        self.filter_bar.changed.disconnect(self.list._apply_filter)
        self.filter_bar.changed.connect(self.apply_filters)
        # (widgets made inside their parents: a tree made apart was restyled when added)
        self.board = KanbanBoard(self)
        self.board.moveRequested.connect(self.request_move)
        self.board.cardActivated.connect(self.edit)
        self.board.cardSelected.connect(self.show_detail)
        self.board.deleteRequested.connect(lambda opp_id: self.delete([opp_id]))
        self.board.moreRequested.connect(self.show_stage_in_table)
        # The target line's worker starts once the board is all made: the first one starts
        # the background process, whose start held the GIL while the cards were painted (a
        # 54-66 ms gap at a million customers).
        self.board.allShown.connect(self.refresh_target)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.list)
        self.detail = DetailPane("opportunityDetail", self)
        self.detail.add_button("editOpportunityButton", self.tr("&Edit"),
                               lambda: self.edit(self.detail.record_id))
        self.detail.add_button("customerButton", self.tr("Show &customer"), self.open_customer)
        self.detail.clear(self.tr("Select an opportunity to see its details."))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.stack)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.detail.setMinimumWidth(230)
        splitter.setSizes([1000, 240])
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(self.filter_bar)
        self.target_line = named(QLabel(self), "pipelineTarget")
        self.target_line.setToolTip(self.tr(
            "Progress against the sales target running now (of the owner chosen in the filter, "
            "else of the whole business), beside the open pipeline weighted by stage. Targets "
            "are set on the Targets & reports page."))
        self.target_line.hide()
        layout.addWidget(self.target_line)
        layout.addWidget(splitter, 1)
        self.apply_filters()

    # Building -----------------------------------------------------------------------------
    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.new_button(self.tr("&New opportunity"), "newOpportunityButton",
                                      self.tr("Create an opportunity (Ctrl+N)")))
        self.view_group = QButtonGroup(self)
        for index, (name, text) in enumerate(
                (("boardViewButton", self.tr("&Board")), ("tableViewButton", self.tr("&Table")))):
            button = named(QToolButton(self), name)
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(text.replace("&", ""))
            self.view_group.addButton(button, index)
            bar.addWidget(button)
        self.view_group.button(0).setChecked(True)
        self.view_group.idClicked.connect(self.set_view)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("Close date:"), self))
        self.period = named(QComboBox(self), "closePeriod")
        self.period.setAccessibleName(self.tr("Close date"))
        titles = period_titles()
        for code in PERIODS:
            self.period.addItem(titles[code], code)
        self.period.currentIndexChanged.connect(self.apply_filters)
        bar.addWidget(self.period)
        bar.addWidget(QLabel(self.tr("Cards by:"), self))
        self.card_order = named(QComboBox(self), "cardOrder")
        self.card_order.setAccessibleName(self.tr("Order of the cards"))
        self.card_order.addItem(self.tr("Largest amount"), "amount")
        self.card_order.addItem(self.tr("Soonest close date"), "close")
        self.card_order.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.card_order)
        # open totals, one part per currency: cut with "…" (whole in the tooltip) rather than
        # widening the page when there are many currencies
        self.status = named(ElidedLabel("", self), "pipelineStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.status, 1)
        return bar

    # Filters and loading ------------------------------------------------------------------
    def board_filter(self) -> board_storage.BoardFilter:
        owner = next((f.value for f in self.filter_bar.filters() if f.field == "owner"), None)
        start, end = period_range(self.period.currentData())
        return board_storage.BoardFilter(owner, start, end, self.filter_bar.text())

    def apply_filters(self) -> None:
        filters = [*self.filter_bar.filters(), *period_filters(self.period.currentData())]
        self.list.model.setQuery(filters, self.filter_bar.text())
        self.refresh_board()

    def update_owner_choices(self, owners: list[str]) -> None:
        """New owners appear in the owner filter (the current choice is kept)."""
        combo = self.filter_bar.combos["owner"]
        current = combo.currentData()
        choices = [(owner, owner) for owner in owners]
        if [combo.itemData(i) for i in range(1, combo.count())] == owners:
            return
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        self.refresh_board()
        if self.stack.currentWidget() is self.list:
            self.list.refresh()
        if self.detail.record_id is not None:
            self.show_detail(self.detail.record_id)

    def refresh_board(self) -> None:
        self.status.setText(self.tr("Loading…"))
        self.context.runner.run(
            pipeline.load_board, self.context.database, self.board_filter(), self.cards_per_column,
            self.card_order.currentData() or "amount", owner=self, key="board",
            description=self.tr("Loading the pipeline"), on_finished=self._board_loaded,
        )

    def _board_loaded(self, result: tuple[board_storage.Board, list[str]]) -> None:
        data, owners = result
        self.update_owner_choices(owners)
        self.board.set_board(data)
        # totals per currency: amounts in different currencies are never added together
        open_columns = [c for c in data.columns if c.kind == "open"]
        open_total = total(c.total for c in open_columns)
        weighted = total(c.weighted for c in open_columns)
        count = sum(c.count for c in open_columns)
        line = self.tr("Open: %1 · %2 · weighted %3").replace("%1", f"{count:,}")
        self.status.setText(line.replace("%2", money_parts(open_total, short=True))
                            .replace("%3", money_parts(weighted, short=True)))
        self.status.setToolTip(line.replace("%2", money_parts(open_total))
                               .replace("%3", money_parts(weighted)))
        self.boardLoaded.emit()  # (the target line follows when the board is all shown)

    def refresh_target(self) -> None:
        """The target line: this month's (else this quarter's) target of the owner filtered
        on (else the whole business), in a worker."""
        from crm_desktop.services import targets
        from crm_desktop.ui.child_process import run_in

        # in the background process (pandas over every order: in a thread here it held the
        # GIL while the page was built and painted, 200 ms gaps at a million customers)
        self.context.runner.run(run_in, self.context.background, self.context.database,
                                targets.stage_weighted_progress, owner=self, key="target",
                                description=self.tr("Measuring the sales target"),
                                on_finished=self._show_target)

    def _show_target(self, report: ProgressReport) -> None:
        from crm_desktop.ui.reports.target_views import headline, progress_line

        chosen = self.board_filter().owner
        row = headline([r for r in report.rows if r.owner == chosen], chosen)
        self.target_line.setVisible(row is not None)
        if row is not None:
            self.target_line.setText(self.tr("Target %1").replace("%1", progress_line(row)))
        self.targetLoaded.emit()

    # Views ----------------------------------------------------------------------------------
    def set_view(self, index: int) -> None:
        """0 = board, 1 = table."""
        self.view_group.button(index).setChecked(True)
        self.stack.setCurrentIndex(index)
        if index == 1:
            self.list.refresh()
            self.list.table.setFocus()

    def show_stage_in_table(self, stage_id: int) -> None:
        filters = [f for f in self.filter_bar.filters() if f.field != "stage_id"]
        self.filter_bar.set_state([*filters, Filter("stage_id", "eq", stage_id)],
                                  self.filter_bar.text())
        self.set_view(1)

    def set_trash_mode(self, trash: bool) -> None:
        if trash:
            self.set_view(1)
        for button in self.view_group.buttons():
            button.setEnabled(not trash)
        super().set_trash_mode(trash)

    # Detail ---------------------------------------------------------------------------------
    def show_detail(self, opportunity_id: int | None) -> None:
        self.shown = pipeline.detail(self.context.database, opportunity_id) \
            if opportunity_id else None
        if self.shown is None:
            self.detail.clear(self.tr("Select an opportunity to see its details."))
            return
        self.detail.show_html(self.shown.id, *opportunity_html(self.shown))

    def open_customer(self) -> None:
        if self.shown is not None and self.detail.record_id == self.shown.id:
            self.context.open_customer(self.shown.customer_id)

    def show_record(self, record_id: int) -> None:
        self.show_detail(record_id)
        card = self.board.card_widget(record_id)
        if card is not None and self.stack.currentIndex() == 0:
            card.setFocus()
        else:
            self.list.select_id(record_id)

    # Records -----------------------------------------------------------------------------
    def current_id(self) -> int | None:
        if self.stack.currentIndex() == 0:
            return self.board.current_card
        return self.list.current_id()

    def make_dialog(self, record_id: int | None, **options: Any) -> OpportunityDialog:
        return OpportunityDialog(self.context.database, record_id, parent=self)

    def undo_text(self, record_id: int | None) -> str:
        return self.tr("New opportunity") if record_id is None else self.tr("Edit opportunity")

    def delete_selected(self) -> None:
        if self.stack.currentIndex() == 1:
            self.list.delete_selected()
        elif self.board.current_card is not None:
            self.delete([self.board.current_card])

    def delete(self, ids: list[int]) -> None:
        if ids:
            push_trash(self.context, "opportunities", ids, self.tr("Delete opportunity"))

    # Moving ---------------------------------------------------------------------------------
    def _name_of(self, opportunity_id: int) -> str:
        card = self.board.card_widget(opportunity_id)
        if card is not None:
            return card.card.name
        found = pipeline.detail(self.context.database, opportunity_id)
        return found.name if found is not None else "?"

    def request_move(self, opportunity_id: int, stage_id: int) -> None:
        """From the board (drop, menu, keys): won/lost ask why first."""
        columns = {c.stage_id: c for c in self.board.columns()}
        target = columns.get(stage_id)
        if target is None:
            return
        if target.kind in ("won", "lost"):
            dialog = CloseReasonDialog(self._name_of(opportunity_id), target.name, target.kind,
                                       self)
            open_form(self, dialog,
                      lambda _d: self.move_card(opportunity_id, stage_id, dialog.reason_text))
        else:
            self.move_card(opportunity_id, stage_id)

    def move_card(self, opportunity_id: int, stage_id: int, reason: str | None = None) -> None:
        """Move through the undo stack (Ctrl+Z puts it back as it was, history included)."""
        database = self.context.database
        names = {c.stage_id: c.name for c in self.board.columns()}
        done: list[StageMove] = []  # the latest move, which the next undo takes back

        def do() -> object:
            outcome = pipeline.move(database, opportunity_id, stage_id, reason)
            done[:] = [outcome.value]
            return outcome

        def undo() -> object:
            return pipeline.undo_move(database, done[0])

        text = self.tr("Move %1 to %2").replace("%1", self._name_of(opportunity_id)).replace(
            "%2", names.get(stage_id, "?"))
        try:
            push_command(self.context, text, do, undo)
        except StorageError as error:
            show_error(self, error)
