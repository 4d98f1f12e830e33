"""Campaigns: plan (budget, channel, dates, target = a saved customer filter), add members from
the target, record sends, responses and conversions, status; members with counts per step."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget
from sqlalchemy import delete, select

from crm_desktop.models import CampaignMember
from crm_desktop.storage import campaign_stats, campaigns
from crm_desktop.storage.errors import StorageError
from crm_desktop.storage.query_filter import Filter
from crm_desktop.ui.context import AppContext
from crm_desktop.ui.dialogs.campaign_dialog import CampaignDialog
from crm_desktop.ui.errors import show_error
from crm_desktop.ui.item_models import SqlTableModel
from crm_desktop.ui.pages.base import Page
from crm_desktop.ui.pages.campaign_views import (
    CampaignDetail,
    campaign_filters,
    campaign_html,
    campaign_spec,
    member_spec,
)
from crm_desktop.ui.pages.page_tools import default_split, open_form, push_saved
from crm_desktop.ui.undo import push_field_edit
from crm_desktop.ui.widgets.record_list import RecordList

log = logging.getLogger(__name__)

STEP_FIELDS = ("targeted_at", "sent_at", "responded_at", "converted_at", "response")


class CampaignsPage(Page):
    entities = ("campaigns", "campaign_members", "segments", "customers")
    has_trash = True

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.setObjectName("campaignsPage")
        self.setAccessibleName("campaignsPage")
        self.members_model = SqlTableModel(context.database, member_spec(), context.runner, self)
        members_view = QTableView()
        members_view.setModel(self.members_model)
        members_view.setSortingEnabled(True)
        self.detail = CampaignDetail(members_view)
        for i, column in enumerate(self.members_model.spec.columns):
            if column.width:
                members_view.setColumnWidth(i, column.width)
        self.list = RecordList(context, campaign_spec(), campaign_filters(), detail=self.detail,
                               table_name="campaignTable", filter_name="campaignFilter")
        default_split(self.list, [730, 550])
        self.list.currentChanged.connect(self.show_detail)
        self.list.activated.connect(self.edit)
        self.detail.editRequested.connect(lambda: self.edit(self.detail.campaign_id))
        self.detail.addMembersRequested.connect(self.add_members)
        self.detail.statusChosen.connect(self.set_status)
        self.detail.recordRequested.connect(self.record_step)
        top = QHBoxLayout()
        new = QPushButton(self.tr("&New campaign"), objectName="newCampaignButton")
        new.setToolTip(self.tr("Plan a campaign (Ctrl+N)"))
        new.clicked.connect(self.new_record)
        top.addWidget(new)
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

    def new_record(self) -> None:
        dialog = CampaignDialog(self.context.database, parent=self)
        open_form(self, dialog, lambda d: push_saved(
            self.context, d, "campaigns", self.tr("New campaign")))

    def edit(self, campaign_id: Any = None) -> None:
        campaign_id = campaign_id or self.list.current_id()
        if not campaign_id or self.trash_mode():
            return
        dialog = CampaignDialog(self.context.database, campaign_id, parent=self)
        open_form(self, dialog, lambda d: push_saved(
            self.context, d, "campaigns", self.tr("Edit campaign")))

    def open_selected(self) -> None:
        self.edit(self.list.current_id())

    def delete_selected(self) -> None:
        self.list.delete_selected()

    def set_trash_mode(self, trash: bool) -> None:
        self.list.set_trash_mode(trash)

    def trash_mode(self) -> bool:
        return self.list.trash_mode()

    def focus_filter(self) -> None:
        self.list.filter_bar.search_edit.setFocus()

    def show_record(self, record_id: int) -> None:
        self.list.select_id(record_id)
        self.show_detail(record_id)

    def shutdown(self) -> None:
        self.members_model.shutdown()
        self.list.shutdown()
        super().shutdown()

    # Detail ----------------------------------------------------------------------------------
    def show_detail(self, campaign_id: Any, reload_members: bool = True) -> None:
        info = counts = None
        if campaign_id:
            info = campaign_html(self.context.database, campaign_id)
            with self.context.database.session() as session:
                counts = campaign_stats.step_counts(session, campaign_id)
        changed = campaign_id != self.detail.campaign_id
        self.detail.show_campaign(campaign_id, info, counts)
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
        """Target the customers of the campaign's saved filter; undo removes those added."""
        campaign_id = self.detail.campaign_id
        if campaign_id is None:
            return
        database = self.context.database
        added: list[int] = []

        def member_ids(session: Any) -> set[int]:
            return set(session.scalars(select(CampaignMember.id).where(
                CampaignMember.campaign_id == campaign_id)))

        def do() -> int:
            with database.session() as session:
                before = member_ids(session)
                count = campaigns.add_members_from_filter(session, campaign_id)
                added[:] = sorted(member_ids(session) - before)
                return count

        def undo() -> None:
            with database.session() as session:
                session.execute(delete(CampaignMember).where(CampaignMember.id.in_(added)))

        try:
            self.context.run_command(self.tr("Add campaign members"), do, undo,
                                     ["campaign_members", "campaigns"])
        except StorageError as error:
            show_error(self, error)
            return
        self.members_model.refresh()

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
        with database.session() as session:
            rows = session.scalars(select(CampaignMember).where(
                CampaignMember.id.in_(member_ids))).all()
            before: dict[int, dict[str, datetime | str | None]] = {
                m.customer_id: {f: getattr(m, f) for f in STEP_FIELDS} for m in rows}

        def do() -> None:
            with database.session() as session:
                for customer_id in before:
                    campaigns.record_step(session, campaign_id, customer_id, step,
                                          response=response.strip() or None)

        def undo() -> None:
            with database.session() as session:
                for member in session.scalars(select(CampaignMember).where(
                        CampaignMember.id.in_(member_ids))):
                    for field, value in before.get(member.customer_id, {}).items():
                        setattr(member, field, value)

        text = self.tr("Record %1 for %2 member(s)").replace("%1", step).replace(
            "%2", str(len(before)))
        try:
            self.context.run_command(text, do, undo, ["campaign_members", "campaigns"])
        except StorageError as error:
            show_error(self, error)
            return
        self.detail.response.clear()
        self.members_model.refresh()
