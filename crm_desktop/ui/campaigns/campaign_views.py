"""The campaigns page's table specs (campaigns, members) and the campaign detail widget."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.models import CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES
from crm_desktop.storage.campaign_details import CampaignInfo
from crm_desktop.storage.campaign_stats import StepCounts
from crm_desktop.storage.campaigns import STEPS
from crm_desktop.storage.lists.campaigns import campaign_list, member_list
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.pages.page_tools import esc, facts
from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.theme import ThemedLabel, spin_box_look
from crm_desktop.ui.widgets.display import day, moment, money
from crm_desktop.ui.widgets.elided_label import ElidedLabel
from crm_desktop.ui.widgets.filter_bar import FilterField

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def campaign_spec() -> TableSpec:
    return TableSpec(
        campaign_list(),
        (
            ColumnSpec("name", translate("CampaignsPage", "Campaign"), width=190),
            ColumnSpec("channel", translate("CampaignsPage", "Channel"), label, width=60),
            ColumnSpec("status", translate("CampaignsPage", "Status"), label, width=75),
            ColumnSpec("start_date", translate("CampaignsPage", "Start"), day, width=85),
            ColumnSpec("end_date", translate("CampaignsPage", "End"), day, width=85),
            ColumnSpec("budget", translate("CampaignsPage", "Budget"), money, RIGHT, width=95, currency="currency"),
            ColumnSpec("members", translate("CampaignsPage", "Members"), str, RIGHT, width=65),
            ColumnSpec("converted", translate("CampaignsPage", "Converted"), str, RIGHT, width=75),
        ),
    )


def campaign_filters() -> list[FilterField]:
    return [
        FilterField("status", translate("CampaignsPage", "Status"), tuple((label(s), s) for s in CAMPAIGN_STATUSES)),
        FilterField("channel", translate("CampaignsPage", "Channel"), tuple((label(c), c) for c in CAMPAIGN_CHANNELS)),
    ]


def member_spec() -> TableSpec:
    return TableSpec(
        member_list(),
        (
            ColumnSpec("customer", translate("CampaignsPage", "Customer"), width=180),
            ColumnSpec("step", translate("CampaignsPage", "Step"), label, width=85),
            ColumnSpec("holdout", translate("CampaignsPage", "Held out"), lambda v: translate("CampaignsPage", "yes") if v else "", width=70),
            ColumnSpec("sent_at", translate("CampaignsPage", "Sent"), moment, width=125),
            ColumnSpec("responded_at", translate("CampaignsPage", "Responded"), moment, width=125),
            ColumnSpec("converted_at", translate("CampaignsPage", "Converted"), moment, width=125),
            ColumnSpec("response", translate("CampaignsPage", "Response")),
        ),
        page_size=300,
    )


FUNNEL_ROW = 3  # funnel steps side by side


def funnel_html(counts: StepCounts) -> str:
    base = counts.targeted or 0
    cells = []
    for step in STEPS:
        value = counts.get(step)
        share = f"{value * 100 / base:.0f}%" if base else "–"
        cells.append(f"<td align='center' class='stat' style='padding:4px 10px'>"
                     f"<span style='font-size:16px'><b>{value:,}</b></span><br>"
                     f"{esc(label(step))} · {share}</td>")
    # Three steps a row: the detail pane is about 400 px wide at 1024 px, and a fourth step
    # on the same row was cut off at the right edge.
    rows = ["".join(cells[i:i + FUNNEL_ROW]) for i in range(0, len(cells), FUNNEL_ROW)]
    return f"<table cellspacing='4'>{''.join(f'<tr>{row}</tr>' for row in rows)}</table>"


def campaign_html(c: CampaignInfo) -> tuple[str, str, str]:
    """(name, status, facts HTML) of a campaign."""
    html = facts([
        (translate("CampaignsPage", "Channel"), label(c.channel)),
        (translate("CampaignsPage", "Dates"), f"{day(c.start_date)} – {day(c.end_date)}"
         if c.start_date or c.end_date else ""),
        (translate("CampaignsPage", "Budget"), money(c.budget, c.currency)),
        (translate("CampaignsPage", "Actual cost"), money(c.actual_cost, c.currency)),
        (translate("CampaignsPage", "Expected revenue"), money(c.expected_revenue, c.currency)),
        (translate("CampaignsPage", "Target"), c.target_name or translate("CampaignsPage", "(no saved filter)")),
    ])
    if c.description:
        html += f"<p>{esc(c.description)}</p>"
    return c.name, c.status, html


class CampaignDetail(QWidget):
    """Plan, funnel counts, status, members and the actions on them."""

    editRequested = Signal()  # noqa: N815
    addMembersRequested = Signal()  # noqa: N815
    statusChosen = Signal(str)  # noqa: N815
    recordRequested = Signal(str, str)  # noqa: N815 - step, response
    effectRequested = Signal()  # noqa: N815

    def __init__(self, members_view: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignDetail")
        self.setAccessibleName(translate("CampaignsPage", "Campaign detail"))
        self.setMinimumWidth(320)
        self.title = named(ElidedLabel("", self), "campaignTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.facts = named(ThemedLabel("", self), "campaignFacts")
        self.facts.setWordWrap(True)
        self.funnel = named(ThemedLabel("", self), "campaignFunnel")
        self.status = named(QComboBox(self), "campaignStatus")
        self.status.setAccessibleName(translate("CampaignsPage", "Status"))
        for code in CAMPAIGN_STATUSES:
            self.status.addItem(label(code), code)
        self.status.activated.connect(lambda _i: self.statusChosen.emit(self.status.currentData()))
        self.edit_button = named(QPushButton(translate("CampaignsPage", "&Edit plan"), self), "editCampaignButton")
        self.edit_button.clicked.connect(self.editRequested)
        self.add_button = named(QPushButton(translate("CampaignsPage", "&Add members from target"), self), "addMembersButton")
        self.add_button.setToolTip(translate("CampaignsPage", "Target every customer matching the campaign's saved "
                                      "filter (customers already targeted are kept)"))
        self.add_button.clicked.connect(self.addMembersRequested)
        self.holdout = named(spin_box_look(QSpinBox(self)), "holdoutShare")
        self.holdout.setRange(0, 50)
        self.holdout.setSuffix(" %")
        self.holdout.setSpecialValueText(translate("CampaignsPage", "none"))
        self.holdout.setAccessibleName(translate("CampaignsPage", "Hold out"))
        self.holdout.setToolTip(translate(
            "CampaignsPage",
            "A control group: this share of the new members, drawn at random, is not sent "
            "to, so the campaign's effect can be measured against them (10% is usual)."))
        self.effect_button = named(QPushButton(translate("CampaignsPage", "Measure e&ffect"), self), "campaignEffectButton")
        self.effect_button.setToolTip(translate("CampaignsPage", "Compare the members contacted with those held out"))
        self.effect_button.clicked.connect(self.effectRequested)
        self.effect = named(QLabel(), "campaignEffect")
        self.effect.setTextFormat(Qt.TextFormat.RichText)
        self.effect.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(translate("CampaignsPage", "Status:")))
        actions.addWidget(self.status)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.effect_button)
        actions.addStretch(1)
        members_bar = QHBoxLayout()
        members_bar.addWidget(self.add_button)
        members_bar.addWidget(QLabel(translate("CampaignsPage", "Hold out:")))
        members_bar.addWidget(self.holdout)
        members_bar.addStretch(1)
        self.members = members_view
        self.members.setObjectName("campaignMembers")
        self.members.setAccessibleName(translate("CampaignsPage", "Members"))
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.verticalHeader().setVisible(False)
        self.members.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.members.setAlternatingRowColors(True)
        self.members.setShowGrid(False)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.step = named(QComboBox(self), "stepChoice")
        self.step.setAccessibleName(translate("CampaignsPage", "Step to record"))
        for code in STEPS[1:]:
            self.step.addItem(label(code), code)
        self.response = named(QLineEdit(self), "responseText")
        self.response.setAccessibleName(translate("CampaignsPage", "Response"))
        self.response.setPlaceholderText(translate("CampaignsPage", "Response (optional)"))
        self.record_button = named(QPushButton(translate("CampaignsPage", "&Record for selected"), self), "recordStepButton")
        self.record_button.clicked.connect(
            lambda: self.recordRequested.emit(self.step.currentData(), self.response.text()))
        record = QHBoxLayout()
        record.addWidget(QLabel(translate("CampaignsPage", "Members reached:")))
        record.addWidget(self.step)
        record.addWidget(self.response, 1)
        record.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(actions)
        layout.addLayout(members_bar)
        layout.addWidget(self.funnel)
        layout.addWidget(self.effect)
        layout.addWidget(self.members, 1)
        layout.addLayout(record)
        self.campaign_id: int | None = None
        self.show_campaign(None)

    def show_campaign(self, campaign_id: int | None, info: tuple[str, str, str] | None = None,
                      counts: StepCounts | None = None) -> None:
        self.campaign_id = campaign_id if info else None
        enabled = self.campaign_id is not None
        for widget in (self.status, self.edit_button, self.add_button, self.members,
                       self.step, self.response, self.record_button, self.holdout,
                       self.effect_button):
            widget.setEnabled(enabled)
        self.effect.setText("")
        if info is None:
            self.title.setText("")
            hint = translate("CampaignsPage", "Select a campaign.")
            self.facts.setText(f"<span class='muted'>{esc(hint)}</span>")
            self.funnel.setText("")
            return
        name, status, html = info
        self.title.setText(name)
        self.facts.setText(html)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.funnel.setText(funnel_html(counts or StepCounts()))
