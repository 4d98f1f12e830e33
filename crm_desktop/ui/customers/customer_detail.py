"""The customer detail pane: header, scores, quick actions, stay-in-touch, timeline, people.

Everything is read by one background job (storage.customer_details.detail_with_influence)
each time the customer changes or something about them is written.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.storage.customer_details import detail_with_influence
from crm_desktop.ui.audit.record_history import RecordHistory
from crm_desktop.ui.customers.customer_profile import profile_html
from crm_desktop.ui.customers.customer_scores import scores_text, status_text
from crm_desktop.ui.customers.next_products import NextProductsLabel
from crm_desktop.ui.dialogs.choices import label as choice_label
from crm_desktop.ui.theme import ThemedLabel, spin_box_look, style_item_view
from crm_desktop.ui.widgets.display import moment, money, phone

if TYPE_CHECKING:
    from crm_desktop.storage.graph_store import InfluenceInfo
    from crm_desktop.storage.timeline import CustomerDetail as DetailData
    from crm_desktop.storage.timeline import CustomerSummary
    from crm_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTITY_OF_KIND = {"interaction": "interactions", "order": "orders",
                   "opportunity": "opportunities", "ticket": "tickets", "campaign": "campaigns"}
_WATCHED = ("customers", "interactions", "orders", "opportunities", "tickets", "campaigns",
            "relationships", "analytics_results")


class CustomerDetail(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerDetail")
        self.setAccessibleName(self.tr("Customer detail"))
        self.context = context
        self.customer_id: int | None = None
        self.summary: CustomerSummary | None = None
        self.stack = QStackedWidget(self)
        empty = QLabel(self.tr("Select a customer to see everything about them here."), self)
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setObjectName("customerDetailEmpty")
        self.stack.addWidget(empty)
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.stack)
        context.changed.connect(self._changed)

    # Building ----------------------------------------------------------------------------------
    def _build_content(self) -> QWidget:
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = ThemedLabel("", content)
        self.title.setObjectName("customerTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        self.facts = ThemedLabel("", content)
        self.facts.setObjectName("customerFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.facts)
        self.scores = QLabel(content)
        self.scores.setObjectName("customerScores")
        self.scores.setTextFormat(Qt.TextFormat.RichText)
        self.scores.setWordWrap(True)
        layout.addWidget(self.scores)
        self.next_products = NextProductsLabel(self.context, content)
        layout.addWidget(self.next_products)
        self.influence = QLabel(content)
        self.influence.setObjectName("customerInfluence")
        self.influence.setAccessibleName(self.tr("Influence rank and community"))
        layout.addWidget(self.influence)
        layout.addWidget(self._build_actions(content))
        layout.addWidget(self._build_cadence(content))
        line = QFrame(content)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.tabs = QTabWidget(content)
        self.timeline = QTreeWidget(content)
        style_item_view(self.timeline)
        self.timeline.setObjectName("customerTimeline")
        self.timeline.setAccessibleName(self.tr("Timeline"))
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Amount")])
        header = self.timeline.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.timeline.setColumnWidth(0, 126)
        self.timeline.setColumnWidth(2, 86)
        self.timeline.itemActivated.connect(self._timeline_activated)
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.people = QListWidget(content)
        self.people.setObjectName("customerPeople")
        self.people.setAccessibleName(self.tr("Related people"))
        self.people.itemActivated.connect(self._person_activated)
        self.tabs.addTab(self.people, self.tr("Related people"))
        self.details = QLabel(content)
        self.details.setObjectName("customerDetails")
        self.details.setAccessibleName(self.tr("Every field of the customer"))
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setContentsMargins(6, 6, 6, 6)
        scroll = QScrollArea(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.details)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.history = RecordHistory(self.context, content)
        self.tabs.addTab(self.history, self.tr("History"))
        self.tabs.currentChanged.connect(lambda _index: self._load_history())
        layout.addWidget(self.tabs, 1)
        return content

    def _build_actions(self, parent: QWidget) -> QWidget:
        bar = QWidget(parent)
        grid = QGridLayout(bar)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        self.action_buttons: dict[str, QPushButton] = {}
        for name, text, tip in (
            ("logCall", self.tr("Log call"), self.tr("Record a phone call")),
            ("logMeeting", self.tr("Meeting"), self.tr("Record a meeting")),
            ("logNote", self.tr("Note"), self.tr("Add a note")),
            ("followUp", self.tr("Follow-up"), self.tr("Schedule a follow-up task")),
            ("newOpportunity", self.tr("Opportunity"), self.tr("New opportunity")),
            ("newTicket", self.tr("Ticket"), self.tr("Open a ticket")),
            ("editCustomer", self.tr("Edit…"), self.tr("Edit this customer")),
            ("linkCustomer", self.tr("Link…"),
             self.tr("Record a relationship with another customer")),
        ):
            position = len(self.action_buttons)
            button = QPushButton(text, bar)
            button.setObjectName(f"{name}Button")
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.clicked.connect(lambda _checked=False, n=name: self.run_action(n))
            grid.addWidget(button, position // 4, position % 4)
            self.action_buttons[name] = button
        return bar

    def _build_cadence(self, parent: QWidget) -> QWidget:
        bar = QWidget(parent)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Stay in touch every"), bar))
        self.cadence = spin_box_look(QSpinBox(bar))
        self.cadence.setObjectName("touchEveryDays")
        self.cadence.setAccessibleName(self.tr("Stay in touch every N days"))
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText(self.tr("never"))
        self.cadence.setSuffix(self.tr(" days"))
        row.addWidget(self.cadence)
        apply = QPushButton(self.tr("Apply"), bar)
        apply.setObjectName("applyCadenceButton")
        apply.clicked.connect(self.apply_cadence)
        row.addWidget(apply)
        self.next_follow_up = QLabel(bar)
        self.next_follow_up.setObjectName("nextFollowUp")
        row.addWidget(self.next_follow_up, 1)
        return bar

    # Showing -----------------------------------------------------------------------------------
    def show_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        if customer_id is None:
            self.context.runner.cancel(self, "detail")
            self.summary = None
            self.stack.setCurrentIndex(0)
            return
        self.reload()

    def reload(self) -> None:
        if self.customer_id is None:
            return
        customer_id = self.customer_id
        self.context.runner.run(
            detail_with_influence, self.context.database, customer_id, owner=self, key="detail",
            description=self.tr("Loading customer"),
            on_finished=lambda data: self._loaded(customer_id, data))
        self._load_history()

    def _load_history(self) -> None:
        """The History tab reads the audit log only while it is shown."""
        if self.customer_id is not None and self.tabs.currentWidget() is self.history:
            self.history.show_record("customers", self.customer_id)

    def _changed(self, entity: str) -> None:
        if entity in _WATCHED and self.customer_id is not None:
            self.reload()

    def _loaded(self, customer_id: int,
                loaded: tuple[DetailData, InfluenceInfo | None]) -> None:
        if customer_id != self.customer_id:
            return
        from crm_desktop.ui.widgets.influence_label import influence_text

        data, influence = loaded
        self.influence.setText(influence_text(influence))
        self.summary = data.summary
        if data.summary is None:
            self.stack.setCurrentIndex(0)
            return
        self._show_summary(data.summary)
        self.next_products.show_customer(customer_id)
        self._show_timeline(data)
        self.people.clear()
        for person in data.related:
            relation = choice_label(person.relation) if person.relation not in (
                "company", "colleague", "employee") else self._relation(person.relation)
            text = f"{person.name} — {relation}" + (f" ({person.detail})" if person.detail
                                                    else "")
            item = QListWidgetItem(text, self.people)
            item.setData(RECORD_ROLE, person.id)
        if not data.related:
            item = QListWidgetItem(self.tr("No related people yet."), self.people)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.stack.setCurrentIndex(1)

    def _relation(self, relation: str) -> str:
        return {"company": self.tr("company"), "colleague": self.tr("colleague"),
                "employee": self.tr("employee")}[relation]

    def _show_summary(self, s: CustomerSummary) -> None:
        e = html.escape
        subtitle = " · ".join(e(p) for p in (s.job_title, s.company) if p)
        stars = "★" * (s.rating or 0) + "☆" * (5 - (s.rating or 0)) if s.rating is not None \
            else ""
        in_trash = self.tr("in the trash")
        deleted = f" <span class='danger'>({e(in_trash)})</span>" if s.deleted else ""
        self.title.setText(
            f"<span style='font-size:16pt; font-weight:600'>{e(s.name)}</span>{deleted}"
            f"<br><span style='color:palette(mid)'>{subtitle}</span>")
        chips = [self.tr("Status: {0}").format(status_text(s.status))]
        if s.category:
            chips.append(self.tr("Category: {0}").format(e(s.category)))
        if stars:
            chips.append(f"<span class='warning'>{stars}</span>")
        contact = " · ".join(e(p) for p in (s.email, phone(s.phone), s.city) if p)
        tags = " ".join(f"<span class='tag'>&nbsp;{e(t)}&nbsp;"
                        f"</span>" for t in (s.tags or "").split(", ") if t)
        self.facts.setText("<br>".join(p for p in (" · ".join(chips), contact, tags) if p))
        self.scores.setText(scores_text(s))
        self.details.setText(profile_html(s))
        self.cadence.setValue(s.touch_every_days or 0)
        self.next_follow_up.setText(
            self.tr("Next follow-up: {0}").format(moment(s.next_follow_up))
            if s.next_follow_up else "")

    def _show_timeline(self, data: DetailData) -> None:
        self.timeline.clear()
        kinds = {"interaction": "", "order": self.tr("Order"),
                 "opportunity": self.tr("Opportunity"), "ticket": self.tr("Ticket"),
                 "campaign": self.tr("Campaign")}
        items = []
        for event in data.timeline:
            what = choice_label(event.sub) if event.kind == "interaction" else \
                f"{kinds[event.kind]} · {choice_label(event.sub)}"
            if event.done is not None:
                what += " ✓" if event.done else ""
            text = f"{what}: {event.title}" + (f" — {event.detail}" if event.detail else "")
            item = QTreeWidgetItem([
                moment(event.at), text,
                money(event.amount, event.currency) if event.amount is not None else "",
            ])
            item.setToolTip(1, text)
            item.setData(0, RECORD_ROLE, (event.kind, event.record_id))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        self.timeline.addTopLevelItems(items)
        if not items:
            placeholder = QTreeWidgetItem(["", self.tr("Nothing yet: log a call or a meeting.")])
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.timeline.addTopLevelItem(placeholder)

    # Actions -----------------------------------------------------------------------------------
    def run_action(self, name: str) -> QWidget | None:
        from crm_desktop.ui.customers import customer_actions as actions

        cid = self.customer_id
        if cid is None:
            return None
        if name == "editCustomer":
            from crm_desktop.ui.customers.customer_dialog import open_customer_dialog

            return open_customer_dialog(self.context, self.window(), cid)
        kinds = {"logCall": "call", "logMeeting": "meeting", "logNote": "note",
                 "followUp": "task"}
        if name in kinds:
            return actions.log_activity(self.context, self.window(), cid, kinds[name])
        if name == "newOpportunity":
            return actions.new_opportunity(self.context, self.window(), cid)
        if name == "newTicket":
            return actions.new_ticket(self.context, self.window(), cid)
        if name == "linkCustomer":
            from crm_desktop.ui.graph.relationship_dialog import RelationshipDialog

            dialog = RelationshipDialog(self.context.database, cid, self.window(),
                                        context=self.context)
            dialog.open()
            return dialog
        return None

    def apply_cadence(self) -> None:
        from crm_desktop.ui.customers.customer_actions import set_cadence
        from crm_desktop.ui.errors import show_error

        if self.customer_id is None:
            return
        try:
            set_cadence(self.context, self.customer_id, self.cadence.value() or None)
        except Exception as error:
            show_error(self, error)

    def _timeline_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, RECORD_ROLE)
        if data:
            kind, record_id = data
            self.context.open_record(_ENTITY_OF_KIND[kind], record_id)

    def _person_activated(self, item: QListWidgetItem) -> None:
        record_id = item.data(RECORD_ROLE)
        if record_id is not None:
            self.context.open_customer(record_id)
