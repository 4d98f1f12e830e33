"""The campaigns page's table specs (campaigns, members) and the campaign detail widget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from crm_desktop.ui.qt_typed import named
from crm_desktop.ui.theme import ThemedLabel
from crm_desktop.ui.widgets.display import day, moment, money
from crm_desktop.ui.widgets.elided_label import ElidedLabel
from crm_desktop.ui.widgets.filter_bar import FilterField

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def tr(text: str) -> str:
    return QCoreApplication.translate("CampaignsPage", text)


def campaign_spec() -> TableSpec:
    return TableSpec(
        campaign_list(),
        (
            ColumnSpec("name", tr("Campaign"), width=190),
            ColumnSpec("channel", tr("Channel"), label, width=60),
            ColumnSpec("status", tr("Status"), label, width=75),
            ColumnSpec("start_date", tr("Start"), day, width=85),
            ColumnSpec("end_date", tr("End"), day, width=85),
            ColumnSpec("budget", tr("Budget"), money, RIGHT, width=95, currency="currency"),
            ColumnSpec("members", tr("Members"), str, RIGHT, width=65),
            ColumnSpec("converted", tr("Converted"), str, RIGHT, width=75),
        ),
    )


def campaign_filters() -> list[FilterField]:
    return [
        FilterField("status", tr("Status"), tuple((label(s), s) for s in CAMPAIGN_STATUSES)),
        FilterField("channel", tr("Channel"), tuple((label(c), c) for c in CAMPAIGN_CHANNELS)),
    ]


def member_spec() -> TableSpec:
    return TableSpec(
        member_list(),
        (
            ColumnSpec("customer", tr("Customer"), width=180),
            ColumnSpec("step", tr("Step"), label, width=85),
            ColumnSpec("holdout", tr("Held out"), lambda v: tr("yes") if v else "", width=70),
            ColumnSpec("sent_at", tr("Sent"), moment, width=125),
            ColumnSpec("responded_at", tr("Responded"), moment, width=125),
            ColumnSpec("converted_at", tr("Converted"), moment, width=125),
            ColumnSpec("response", tr("Response")),
        ),
        page_size=300,
    )


def funnel_html(counts: StepCounts) -> str:
    base = counts.targeted or 0
    cells = []
    for step in STEPS:
        value = counts.get(step)
        share = f"{value * 100 / base:.0f}%" if base else "–"
        cells.append(f"<td align='center' class='stat' style='padding:4px 10px'>"
                     f"<span style='font-size:16px'><b>{value:,}</b></span><br>"
                     f"{esc(label(step))} · {share}</td>")
    return f"<table cellspacing='4'><tr>{''.join(cells)}</tr></table>"


def campaign_html(c: CampaignInfo) -> tuple[str, str, str]:
    """(name, status, facts HTML) of a campaign."""
    html = facts([
        (tr("Channel"), label(c.channel)),
        (tr("Dates"), f"{day(c.start_date)} – {day(c.end_date)}"
         if c.start_date or c.end_date else ""),
        (tr("Budget"), money(c.budget, c.currency)),
        (tr("Actual cost"), money(c.actual_cost, c.currency)),
        (tr("Expected revenue"), money(c.expected_revenue, c.currency)),
        (tr("Target"), c.target_name or tr("(no saved filter)")),
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
        self.setAccessibleName(tr("Campaign detail"))
        self.setMinimumWidth(320)
        self.title = named(ElidedLabel(), "campaignTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.facts = named(ThemedLabel(), "campaignFacts")
        self.facts.setWordWrap(True)
        self.funnel = named(ThemedLabel(), "campaignFunnel")
        self.status = named(QComboBox(), "campaignStatus")
        self.status.setAccessibleName(tr("Status"))
        for code in CAMPAIGN_STATUSES:
            self.status.addItem(label(code), code)
        self.status.activated.connect(lambda _i: self.statusChosen.emit(self.status.currentData()))
        self.edit_button = named(QPushButton(tr("&Edit plan")), "editCampaignButton")
        self.edit_button.clicked.connect(self.editRequested)
        self.add_button = named(QPushButton(tr("&Add members from target")), "addMembersButton")
        self.add_button.setToolTip(tr("Target every customer matching the campaign's saved "
                                      "filter (customers already targeted are kept)"))
        self.add_button.clicked.connect(self.addMembersRequested)
        self.holdout = named(QSpinBox(), "holdoutShare")
        self.holdout.setRange(0, 50)
        self.holdout.setSuffix(" %")
        self.holdout.setSpecialValueText(tr("none"))
        self.holdout.setAccessibleName(tr("Hold out"))
        self.holdout.setToolTip(tr(
            "A control group: this share of the new members, drawn at random, is not sent "
            "to, so the campaign's effect can be measured against them (10% is usual)."))
        self.effect_button = named(QPushButton(tr("Measure e&ffect")), "campaignEffectButton")
        self.effect_button.setToolTip(tr("Compare the members contacted with those held out"))
        self.effect_button.clicked.connect(self.effectRequested)
        self.effect = named(QLabel(), "campaignEffect")
        self.effect.setTextFormat(Qt.TextFormat.RichText)
        self.effect.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(tr("Status:")))
        actions.addWidget(self.status)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.effect_button)
        actions.addStretch(1)
        members_bar = QHBoxLayout()
        members_bar.addWidget(self.add_button)
        members_bar.addWidget(QLabel(tr("Hold out:")))
        members_bar.addWidget(self.holdout)
        members_bar.addStretch(1)
        self.members = members_view
        self.members.setObjectName("campaignMembers")
        self.members.setAccessibleName(tr("Members"))
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.members.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.members.verticalHeader().setVisible(False)
        self.members.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.members.setAlternatingRowColors(True)
        self.members.setShowGrid(False)
        self.members.horizontalHeader().setStretchLastSection(True)
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.step = named(QComboBox(), "stepChoice")
        self.step.setAccessibleName(tr("Step to record"))
        for code in STEPS[1:]:
            self.step.addItem(label(code), code)
        self.response = named(QLineEdit(), "responseText")
        self.response.setAccessibleName(tr("Response"))
        self.response.setPlaceholderText(tr("Response (optional)"))
        self.record_button = named(QPushButton(tr("&Record for selected")), "recordStepButton")
        self.record_button.clicked.connect(
            lambda: self.recordRequested.emit(self.step.currentData(), self.response.text()))
        record = QHBoxLayout()
        record.addWidget(QLabel(tr("Members reached:")))
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
            self.facts.setText(f"<span class='muted'>{esc(tr('Select a campaign.'))}</span>")
            self.funnel.setText("")
            return
        name, status, html = info
        self.title.setText(name)
        self.facts.setText(html)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.funnel.setText(funnel_html(counts or StepCounts()))
