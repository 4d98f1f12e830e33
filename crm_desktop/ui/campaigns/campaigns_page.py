"""Campaigns: plan (budget, channel, dates, target = a saved customer filter), add members from
the target, record sends, responses and conversions, status; members with counts per step."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QTableView, QVBoxLayout, QWidget

from crm_desktop.services import campaigns
from crm_desktop.services.campaign_effect import CampaignEvaluation, campaign_effect
from crm_desktop.services.campaigns import RecordedStep
from crm_desktop.services.outcome import Outcome
from crm_desktop.services.suggested_campaigns import suggested_products
from crm_desktop.storage.campaign_details import campaign_info
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.query_filter import Filter
from crm_desktop.ui.campaigns.campaign_dialog import CampaignDialog
from crm_desktop.ui.campaigns.campaign_effect_view import effect_html
from crm_desktop.ui.campaigns.campaign_views import (
    CampaignDetail,
    campaign_filters,
    campaign_html,
    campaign_spec,
    member_spec,
)
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.item_models import SqlTableModel
from crm_desktop.ui.pages.list_page import ListPage
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import style_item_view
from crm_desktop.ui.undo import push_command, push_done, push_field_edit

log = logging.getLogger(__name__)

SUGGESTIONS_LISTED = 30


class CampaignsPage(ListPage):
    entities = ("campaigns", "campaign_members", "segments", "customers")
    effectShown = Signal()  # noqa: N815 - the campaign effect is on screen

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("campaignsPage")
        self.setAccessibleName("campaignsPage")
        self.members_model = SqlTableModel(context.database, member_spec(), context.runner, self)
        members_view = QTableView(self)
        style_item_view(members_view)
        members_view.setModel(self.members_model)
        members_view.setSortingEnabled(True)
        self.detail = CampaignDetail(members_view, self)  # (made inside: not restyled when added)
        for i, column in enumerate(self.members_model.spec.columns):
            if column.width:
                members_view.setColumnWidth(i, column.width)
        # The list and the buttons above it in a step of their own when the page is opened
        # from the navigation (Page.build_later): with the detail, 20-35 ms in one step.
        self.build_later(self._build_list)

    def _build_list(self) -> None:
        self.make_list(campaign_spec(), campaign_filters(), detail=self.detail,
                       table_name="campaignTable", filter_name="campaignFilter", split=[730, 550])
        self.detail.editRequested.connect(lambda: self.edit(self.detail.campaign_id))
        self.detail.addMembersRequested.connect(self.add_members)
        self.detail.statusChosen.connect(self.set_status)
        self.detail.recordRequested.connect(self.record_step)
        self.detail.effectRequested.connect(self.measure_effect)
        top = QHBoxLayout()
        top.addWidget(self.new_button(self.tr("&New campaign"), "newCampaignButton",
                                      self.tr("Plan a campaign (Ctrl+N)")))
        self.suggest_button = named(QPushButton(self.tr("From a &suggestion")),
                                    "suggestedCampaignButton")
        self.suggest_button.setToolTip(self.tr(
            "Plan a campaign at the customers to whom a product is suggested ('What sells "
            "together' analysis, applied)"))
        self.suggest_menu = QMenu(self.suggest_button)
        self.suggest_menu.aboutToShow.connect(self.fill_suggestions)
        self.suggest_button.setMenu(self.suggest_menu)
        top.addWidget(self.suggest_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)

    # Page API --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.list.refresh()
        self.show_detail(self.detail.campaign_id, reload_members=False)
        if self.detail.campaign_id is not None:
            self.members_model.refresh()

    def make_dialog(self, record_id: int | None, **options: Any) -> CampaignDialog:
        return CampaignDialog(self.context.database, record_id, parent=self)

    def undo_text(self, record_id: int | None) -> str:
        return self.tr("New campaign") if record_id is None else self.tr("Edit campaign")

    def show_record(self, record_id: int) -> None:
        self.list.select_id(record_id)
        self.show_detail(record_id)

    def shutdown(self) -> None:
        self.members_model.shutdown()
        super().shutdown()

    # Detail ----------------------------------------------------------------------------------
    def show_detail(self, campaign_id: Any, reload_members: bool = True) -> None:
        found = campaign_info(self.context.database, campaign_id) if campaign_id else None
        info = campaign_html(found) if found is not None else None
        changed = campaign_id != self.detail.campaign_id
        self.detail.show_campaign(campaign_id, info, found.counts if found else None)
        if info is not None and (changed or reload_members):
            self.members_model.setFilters([Filter("campaign_id", "eq", campaign_id)])

    # Actions ---------------------------------------------------------------------------------
    def set_status(self, status: str) -> None:
        campaign_id = self.detail.campaign_id
        if campaign_id is None:
            return
        try:
            push_field_edit(self.context, "campaigns", campaign_id, {"status": status},
                            self.tr("Campaign status"))
        except StorageError as error:
            show_error(self, error)

    def add_members(self) -> None:
        """Target the customers of the campaign's saved filter (in a worker: a target can hold
        thousands); undo removes exactly those added."""
        campaign_id = self.detail.campaign_id
        if campaign_id is None:
            return
        database = self.context.database
        share = self.detail.holdout.value() / 100
        self.detail.add_button.setEnabled(False)

        def added(outcome: Outcome[tuple[int, ...]]) -> None:
            members = [list(outcome.value)]

            def redo() -> Outcome[tuple[int, ...]]:
                again = campaigns.add_members(database, campaign_id, share)
                members[0] = list(again.value)
                return again

            def undo() -> Outcome[int]:
                return campaigns.remove_members(database, members[0])

            self.detail.add_button.setEnabled(self.detail.campaign_id is not None)
            push_done(self.context, self.tr("Add campaign members"), redo, undo,
                      outcome.changes)
            self.members_model.refresh()

        def failed(error: BaseException) -> None:
            self.detail.add_button.setEnabled(self.detail.campaign_id is not None)
            show_error(self, error)

        self.context.runner.run(campaigns.add_members, database, campaign_id, share, owner=self,
                                key="add-members", description=self.tr("Adding members"),
                                on_finished=added, on_failed=failed)

    def fill_suggestions(self) -> None:
        """The products suggested to someone, most customers first."""
        self.suggest_menu.clear()
        found = suggested_products(self.context.database)
        for product in found[:SUGGESTIONS_LISTED]:
            text = self.tr("%1 (%n customer(s))", "", product.customers).replace(
                "%1", product.name)
            self.suggest_menu.addAction(text, self._planner(product.product_id))
        if not found:
            action = self.suggest_menu.addAction(self.tr(
                "No suggestions yet: run 'What sells together' on the Analytics page and "
                "apply it"))
            action.setEnabled(False)

    def _planner(self, product_id: int) -> Callable[[], None]:
        def plan() -> None:
            self.plan_for_product(product_id)

        return plan

    def plan_for_product(self, product_id: int) -> int | None:
        """A campaign at the customers to whom the product is suggested, shown selected."""
        from crm_desktop.ui.campaigns.suggested_campaign import plan_for_product

        made = plan_for_product(self.context, self, product_id)
        if made is not None:
            self.show_record(made)
        return made

    def measure_effect(self) -> None:
        """Targeted against held-out members (services.campaign_effect, in a worker: it reads
        the orders for the segments)."""
        campaign_id = self.detail.campaign_id
        if campaign_id is None:
            return
        self.detail.effect.setText(self.tr("Measuring…"))

        def shown(evaluation: CampaignEvaluation) -> None:
            if evaluation.campaign_id == self.detail.campaign_id:
                self.detail.effect.setText(effect_html(evaluation))
            self.effectShown.emit()

        def failed(error: BaseException) -> None:
            self.detail.effect.setText("")
            show_error(self, error)

        self.context.runner.run(campaign_effect, self.context.database, campaign_id,
                                owner=self, key="effect",
                                description=self.tr("Measuring the campaign's effect"),
                                on_finished=shown, on_failed=failed)

    def selected_member_ids(self) -> list[int]:
        view = self.detail.members
        ids = [self.members_model.row_id(index.row())
               for index in view.selectionModel().selectedRows()]
        return [i for i in ids if i is not None]

    def record_step(self, step: str, response: str) -> None:
        """Record that the selected members were sent to, responded or converted (undoable)."""
        campaign_id, member_ids = self.detail.campaign_id, self.selected_member_ids()
        if campaign_id is None or not member_ids:
            show_error(self, self.tr("Select the members first."))
            return
        database = self.context.database
        recorded: list[RecordedStep] = []

        def do() -> Outcome[RecordedStep]:
            outcome = campaigns.record_step(database, campaign_id, member_ids, step, response)
            recorded[:] = [outcome.value]
            return outcome

        def undo() -> Outcome[int]:
            return campaigns.restore_steps(database, recorded[0])

        text = self.tr("Record %1 for %2 member(s)").replace("%1", step).replace(
            "%2", str(len(member_ids)))
        try:
            push_command(self.context, text, do, undo)
        except StorageError as error:
            show_error(self, error)
            return
        self.detail.response.clear()
        self.members_model.refresh()
