"""The tickets page's table spec (queue order) and the ticket detail: facts, conversation, reply."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crm_desktop.models import TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES
from crm_desktop.services.service import MessageRow, TicketRow, is_overdue
from crm_desktop.storage.lists.tickets import ticket_list
from crm_desktop.ui.dialogs.choices import label
from crm_desktop.ui.item_models import ColumnSpec, TableSpec
from crm_desktop.ui.pages.page_tools import OVERDUE, esc, facts
from crm_desktop.ui.qt_typed import named, translate
from crm_desktop.ui.theme import ThemedBrowser, ThemedLabel
from crm_desktop.ui.widgets.display import moment
from crm_desktop.ui.widgets.elided_label import ElidedLabel
from crm_desktop.ui.widgets.filter_bar import FilterField


def ticket_spec() -> TableSpec:
    return TableSpec(
        ticket_list(),
        (
            ColumnSpec("number", translate("TicketsPage", "Ticket"), width=90),
            ColumnSpec("subject", translate("TicketsPage", "Subject"), width=260),
            ColumnSpec("customer", translate("TicketsPage", "Customer"), width=150),
            ColumnSpec("priority", translate("TicketsPage", "Priority"), label, width=70),
            ColumnSpec("status", translate("TicketsPage", "Status"), label, width=75),
            ColumnSpec("sla_due", translate("TicketsPage", "SLA due"), moment, width=130),
            ColumnSpec("type", translate("TicketsPage", "Type"), label, width=95),
            ColumnSpec("owner", translate("TicketsPage", "Owner"), width=90),
            ColumnSpec("opened_at", translate("TicketsPage", "Opened"), moment, width=130),
            ColumnSpec("queue", translate("TicketsPage", "Queue"), width=40),
        ),
    )


def filter_fields() -> list[FilterField]:
    return [
        FilterField("status", translate("TicketsPage", "Status"), (
            (translate("TicketsPage", "Open or pending"), ("open", "pending")),
            (translate("TicketsPage", "Resolved or closed"), ("resolved", "closed")),
            *((label(s), (s,)) for s in TICKET_STATUSES),
        ), op="in"),
        FilterField("priority", translate("TicketsPage", "Priority"), tuple((label(p), p) for p in TICKET_PRIORITIES)),
        FilterField("type", translate("TicketsPage", "Type"), tuple((label(t), t) for t in TICKET_TYPES)),
    ]


def row_colours(row: Any) -> str | None:
    """Overdue tickets of the list in red (open or pending and past their SLA now)."""
    return OVERDUE if is_overdue(row) else None


def conversation_html(messages: list[MessageRow]) -> str:
    """The messages as bubbles (ours right, the customer's left), in the palette's colours
    (theme.html_style classes: show it in a ThemedBrowser)."""
    if not messages:
        hint = translate("TicketsPage", "No messages yet.")
        return f"<p class='muted'>{esc(hint)}</p>"
    parts = []
    for m in messages:
        ours = m.direction == "out"
        who = m.author or (translate("TicketsPage", "Us") if ours else translate("TicketsPage", "Customer"))
        align = "right" if ours else "left"
        parts.append(
            f"<table width='100%' cellspacing='0' cellpadding='0' style='margin-bottom:6px'><tr>"
            f"<td align='{align}'><table cellpadding='6' class='{'ours' if ours else 'theirs'}'>"
            f"<tr><td><span class='muted' style='font-size:small'>{esc(who)} · "
            f"{esc(moment(m.sent_at))}</span><br>{esc(m.body).replace(chr(10), '<br>')}"
            "</td></tr></table></td></tr></table>"
        )
    return "".join(parts)


class ReplyEdit(QPlainTextEdit):
    """The reply box: Ctrl+Enter sends."""

    sendRequested = Signal()  # noqa: N815

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if (event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self.sendRequested.emit()
            return
        super().keyPressEvent(event)


class TicketDetail(QWidget):
    """Facts, the conversation and the reply box of the selected ticket."""

    replyRequested = Signal(int, str)  # noqa: N815 - ticket id, text
    resolveRequested = Signal(int)  # noqa: N815
    editRequested = Signal(int)  # noqa: N815
    customerRequested = Signal(int)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketDetail")
        self.setAccessibleName(translate("TicketsPage", "Ticket detail"))
        self.setMinimumWidth(260)
        self.ticket: TicketRow | None = None
        self.title = named(ElidedLabel("", self), "ticketTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.facts = named(ThemedLabel("", self), "ticketFacts")
        self.facts.setWordWrap(True)
        buttons = QHBoxLayout()
        self.edit_button = self._button("editTicketButton", translate("TicketsPage", "&Edit"), self.editRequested)
        self.resolve_button = self._button("resolveButton", translate("TicketsPage", "Re&solve…"),
                                           self.resolveRequested)
        self.customer_button = self._button("ticketCustomerButton", translate("TicketsPage", "Show c&ustomer"), None)
        self.customer_button.clicked.connect(self._customer)
        for button in (self.edit_button, self.resolve_button, self.customer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.conversation: QTextBrowser = named(ThemedBrowser(self), "ticketConversation")
        self.conversation.setAccessibleName(translate("TicketsPage", "Conversation"))
        self.reply = named(ReplyEdit(self), "ticketReply")
        self.reply.setAccessibleName(translate("TicketsPage", "Reply"))
        self.reply.setPlaceholderText(translate("TicketsPage", "Write a reply… (Ctrl+Enter sends)"))
        self.reply.setTabChangesFocus(True)
        self.reply.setFixedHeight(90)
        self.send_button = named(QPushButton(translate("TicketsPage", "Send &reply"), self),
                                 "sendReplyButton")
        self.send_button.clicked.connect(self.send)
        self.reply.sendRequested.connect(self.send)
        send_row = QHBoxLayout()
        send_row.addStretch(1)
        send_row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(buttons)
        layout.addWidget(self.conversation, 1)
        layout.addWidget(self.reply)
        layout.addLayout(send_row)
        self.show_ticket(None, [])

    def _button(self, name: str, text: str, signal: Any) -> QPushButton:
        button = named(QPushButton(text, self), name)  # (made inside: not restyled when added)
        button.setAccessibleName(text.replace("&", ""))
        if signal is not None:
            button.clicked.connect(lambda: self.ticket and signal.emit(self.ticket.id))
        return button

    def _customer(self) -> None:
        if self.ticket is not None:
            self.customerRequested.emit(self.ticket.customer_id)

    def send(self) -> None:
        text = self.reply.toPlainText().strip()
        if self.ticket is not None and text:
            self.replyRequested.emit(self.ticket.id, text)

    def show_ticket(self, ticket: TicketRow | None, messages: list[MessageRow]) -> None:
        self.ticket = ticket
        enabled = ticket is not None
        for widget in (self.edit_button, self.customer_button, self.reply, self.send_button):
            widget.setEnabled(enabled)
        self.resolve_button.setEnabled(enabled and ticket is not None
                                       and ticket.status in ("open", "pending"))
        if ticket is None:
            self.title.setText("")
            hint = translate("TicketsPage", "Select a ticket.")
            self.facts.setText(f"<span class='muted'>{esc(hint)}</span>")
            self.conversation.clear()
            return
        self.title.setText(f"{ticket.number} · {ticket.subject}")
        sla = moment(ticket.sla_due)
        if ticket.overdue:
            sla = translate("TicketsPage", "{0} — overdue").format(sla)
        rating = "★" * ticket.satisfaction if ticket.satisfaction else ""
        html = facts([
            (translate("TicketsPage", "Customer"), ticket.customer_name), (translate("TicketsPage", "Priority"), label(ticket.priority)),
            (translate("TicketsPage", "Status"), label(ticket.status)), (translate("TicketsPage", "SLA due"), sla),
            (translate("TicketsPage", "Type"), label(ticket.type)), (translate("TicketsPage", "Channel"), label(ticket.channel)),
            (translate("TicketsPage", "Owner"), ticket.owner), (translate("TicketsPage", "Satisfaction"), rating),
        ])
        if ticket.overdue:
            html = html.replace(esc(sla), f"<span class='danger'>{esc(sla)}</span>")
        self.facts.setText(html)
        self.conversation.setHtml(conversation_html(messages))
        bar = self.conversation.verticalScrollBar()
        bar.setValue(bar.maximum())
