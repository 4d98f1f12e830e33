"""The fields each kind of import fills, with the type that says how a cell is validated."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("customers", "orders", "opportunities", "tickets", "interactions")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    type: str = "text"  # text email phone date datetime money int bool choice tags country json
    multi: bool = False  # several source columns may feed it (values are combined)
    choices: tuple[str, ...] = ()
    required: bool = False


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Marks a label for translation (the UI shows `translate("fields", label)`); no Qt here."""
    return text


def _f(name: str, label: str, type: str = "text", **kw: object) -> FieldSpec:  # noqa: A002
    return FieldSpec(name, label, type, **kw)  # type: ignore[arg-type]


CUSTOMER_REFS = (
    _f("customer_external_id", QT_TRANSLATE_NOOP("fields", "Customer external ID")),
    _f("customer_email", QT_TRANSLATE_NOOP("fields", "Customer email"), "email"),
    _f("customer_phone", QT_TRANSLATE_NOOP("fields", "Customer phone"), "phone"),
    _f("customer_name", QT_TRANSLATE_NOOP("fields", "Customer name")),
)

CUSTOMER_FIELDS = (
    _f("name", QT_TRANSLATE_NOOP("fields", "Name")),
    _f("first_name", QT_TRANSLATE_NOOP("fields", "First name")),
    _f("last_name", QT_TRANSLATE_NOOP("fields", "Last name")),
    _f("kind", QT_TRANSLATE_NOOP("fields", "Kind (person/company)"), "choice", choices=("person", "company")),
    _f("company", QT_TRANSLATE_NOOP("fields", "Company")),
    _f("company_role", QT_TRANSLATE_NOOP("fields", "Role at company")),
    _f("job_title", QT_TRANSLATE_NOOP("fields", "Job title")),
    _f("department", QT_TRANSLATE_NOOP("fields", "Department")),
    _f("email", QT_TRANSLATE_NOOP("fields", "Email (primary)"), "email", multi=True),
    _f("email_label", QT_TRANSLATE_NOOP("fields", "Email label"), "choice", choices=("work", "home", "mobile", "other")),
    _f("email_work", QT_TRANSLATE_NOOP("fields", "Email (work)"), "email", multi=True),
    _f("email_home", QT_TRANSLATE_NOOP("fields", "Email (home)"), "email", multi=True),
    _f("email_other", QT_TRANSLATE_NOOP("fields", "Email (other)"), "email", multi=True),
    _f("phone", QT_TRANSLATE_NOOP("fields", "Phone (primary)"), "phone", multi=True),
    _f("phone_label", QT_TRANSLATE_NOOP("fields", "Phone label"), "choice", choices=("work", "home", "mobile", "other")),
    _f("phone_work", QT_TRANSLATE_NOOP("fields", "Phone (work)"), "phone", multi=True),
    _f("phone_home", QT_TRANSLATE_NOOP("fields", "Phone (home)"), "phone", multi=True),
    _f("phone_mobile", QT_TRANSLATE_NOOP("fields", "Phone (mobile)"), "phone", multi=True),
    _f("phone_other", QT_TRANSLATE_NOOP("fields", "Phone (other)"), "phone", multi=True),
    _f("street", QT_TRANSLATE_NOOP("fields", "Street"), multi=True),
    _f("city", QT_TRANSLATE_NOOP("fields", "City")),
    _f("region", QT_TRANSLATE_NOOP("fields", "State / region")),
    _f("postal_code", QT_TRANSLATE_NOOP("fields", "Postal code")),
    _f("country", QT_TRANSLATE_NOOP("fields", "Country"), "country"),
    _f("birthday", QT_TRANSLATE_NOOP("fields", "Birthday"), "date"),
    _f("website", QT_TRANSLATE_NOOP("fields", "Website")),
    _f("industry", QT_TRANSLATE_NOOP("fields", "Industry")),
    _f("lead_source", QT_TRANSLATE_NOOP("fields", "Lead source")),
    _f("status", QT_TRANSLATE_NOOP("fields", "Status"), "choice", choices=("lead", "prospect", "customer", "churned")),
    _f("churned_at", QT_TRANSLATE_NOOP("fields", "Churned at"), "datetime"),
    _f("rating", QT_TRANSLATE_NOOP("fields", "Rating (0-5)"), "int"),
    _f("owner", QT_TRANSLATE_NOOP("fields", "Owner")),
    _f("category", QT_TRANSLATE_NOOP("fields", "Category")),
    _f("tags", QT_TRANSLATE_NOOP("fields", "Tags"), "tags", multi=True),
    _f("needs", QT_TRANSLATE_NOOP("fields", "Needs")),
    _f("notes", QT_TRANSLATE_NOOP("fields", "Notes"), multi=True),
    _f("external_id", QT_TRANSLATE_NOOP("fields", "External ID")),
    _f("uuid", QT_TRANSLATE_NOOP("fields", "UUID (recognises re-imported rows)")),
    _f("touch_every_days", QT_TRANSLATE_NOOP("fields", "Stay in touch every (days)"), "int"),
    _f("custom_fields", QT_TRANSLATE_NOOP("fields", "Custom fields (JSON)"), "json"),
    _f("custom", QT_TRANSLATE_NOOP("fields", "Custom field (column name)"), multi=True),
)

ORDER_FIELDS = (
    _f("number", QT_TRANSLATE_NOOP("fields", "Order number")),
    *CUSTOMER_REFS,
    _f("ordered_at", QT_TRANSLATE_NOOP("fields", "Order date"), "datetime"),
    _f("status", QT_TRANSLATE_NOOP("fields", "Status"), "choice", choices=("open", "paid", "refunded", "cancelled")),
    _f("currency", QT_TRANSLATE_NOOP("fields", "Currency")),
    _f("total", QT_TRANSLATE_NOOP("fields", "Total"), "money"),
    _f("notes", QT_TRANSLATE_NOOP("fields", "Notes"), multi=True),
)

OPPORTUNITY_FIELDS = (
    _f("name", QT_TRANSLATE_NOOP("fields", "Opportunity name"), required=True),
    *CUSTOMER_REFS,
    _f("stage", QT_TRANSLATE_NOOP("fields", "Stage")),
    _f("amount", QT_TRANSLATE_NOOP("fields", "Amount"), "money"),
    _f("currency", QT_TRANSLATE_NOOP("fields", "Currency")),
    _f("expected_close", QT_TRANSLATE_NOOP("fields", "Expected close"), "date"),
    _f("probability_override", QT_TRANSLATE_NOOP("fields", "Probability %"), "int"),
    _f("owner", QT_TRANSLATE_NOOP("fields", "Owner")),
    _f("lead_source", QT_TRANSLATE_NOOP("fields", "Lead source")),
    _f("close_reason", QT_TRANSLATE_NOOP("fields", "Close reason")),
    _f("closed_at", QT_TRANSLATE_NOOP("fields", "Closed at"), "datetime"),
    _f("notes", QT_TRANSLATE_NOOP("fields", "Notes"), multi=True),
)

TICKET_FIELDS = (
    _f("number", QT_TRANSLATE_NOOP("fields", "Ticket number")),
    *CUSTOMER_REFS,
    _f("subject", QT_TRANSLATE_NOOP("fields", "Subject"), required=True),
    _f("body", QT_TRANSLATE_NOOP("fields", "Description")),
    _f("type", QT_TRANSLATE_NOOP("fields", "Type"), "choice", choices=("consultation", "complaint", "refund", "exchange")),
    _f("category", QT_TRANSLATE_NOOP("fields", "Category")),
    _f("priority", QT_TRANSLATE_NOOP("fields", "Priority"), "choice", choices=("low", "normal", "high", "urgent")),
    _f("status", QT_TRANSLATE_NOOP("fields", "Status"), "choice", choices=("open", "pending", "resolved", "closed")),
    _f("channel", QT_TRANSLATE_NOOP("fields", "Channel"), "choice",
       choices=("phone", "email", "chat", "web", "visit", "social")),
    _f("owner", QT_TRANSLATE_NOOP("fields", "Owner")),
    _f("opened_at", QT_TRANSLATE_NOOP("fields", "Opened at"), "datetime"),
    _f("first_response_at", QT_TRANSLATE_NOOP("fields", "First response at"), "datetime"),
    _f("resolved_at", QT_TRANSLATE_NOOP("fields", "Resolved at"), "datetime"),
    _f("satisfaction", QT_TRANSLATE_NOOP("fields", "Satisfaction (1-5)"), "int"),
    _f("feedback", QT_TRANSLATE_NOOP("fields", "Feedback")),
)

INTERACTION_FIELDS = (
    *CUSTOMER_REFS,
    _f("kind", QT_TRANSLATE_NOOP("fields", "Kind"), "choice", choices=("call", "meeting", "email", "visit", "note", "task")),
    _f("subject", QT_TRANSLATE_NOOP("fields", "Subject"), required=True),
    _f("body", QT_TRANSLATE_NOOP("fields", "Body"), multi=True),
    _f("outcome", QT_TRANSLATE_NOOP("fields", "Outcome")),
    _f("occurred_at", QT_TRANSLATE_NOOP("fields", "Date"), "datetime"),
    _f("due_at", QT_TRANSLATE_NOOP("fields", "Due"), "datetime"),
    _f("done", QT_TRANSLATE_NOOP("fields", "Done"), "bool"),
    _f("owner", QT_TRANSLATE_NOOP("fields", "Owner")),
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "customers": CUSTOMER_FIELDS,
    "orders": ORDER_FIELDS,
    "opportunities": OPPORTUNITY_FIELDS,
    "tickets": TICKET_FIELDS,
    "interactions": INTERACTION_FIELDS,
}


def specs(kind: str) -> dict[str, FieldSpec]:
    from crm_desktop.storage.importing.errors import ImportError_

    if kind not in FIELDS:
        raise ImportError_(f"cannot import {kind!r}: choose one of {', '.join(KINDS)}")
    return {spec.name: spec for spec in FIELDS[kind]}


# Integer ranges the database enforces (CHECK constraints) or that make sense.
RANGES = {
    "rating": (0, 5), "satisfaction": (1, 5), "probability_override": (0, 100),
    "touch_every_days": (1, 3650),
}

# Words users and other CRMs write for our choice values (lower-cased keys).
CHOICE_SYNONYMS = {
    "kind": {"individual": "person", "contact": "person", "个人": "person", "person": "person",
             "organization": "company", "organisation": "company", "org": "company",
             "account": "company", "business": "company", "公司": "company", "企业": "company",
             "单位": "company"},
    "status": {
        "subscriber": "lead", "marketingqualifiedlead": "lead", "new": "lead", "线索": "lead",
        "潜在客户": "lead", "salesqualifiedlead": "prospect", "opportunity": "prospect",
        "qualified": "prospect", "意向客户": "prospect", "evangelist": "customer",
        "active": "customer", "客户": "customer", "成交客户": "customer", "正式客户": "customer",
        "lost": "churned", "inactive": "churned", "流失": "churned", "流失客户": "churned",
        "已支付": "paid", "已付款": "paid", "待付款": "open", "退款": "refunded",
        "已退款": "refunded", "已取消": "cancelled", "canceled": "cancelled",
        "处理中": "pending", "已解决": "resolved", "已关闭": "closed", "新建": "open",
    },
    "label": {"mobile": "mobile", "cell": "mobile", "手机": "mobile", "home": "home",
              "住宅": "home", "家庭": "home", "work": "work", "business": "work", "工作": "work",
              "office": "work", "main": "work", "other": "other", "其他": "other"},
    "priority": {"medium": "normal", "紧急": "urgent", "高": "high", "中": "normal",
                 "低": "low", "critical": "urgent"},
    "type": {"question": "consultation", "咨询": "consultation", "投诉": "complaint",
             "退款": "refund", "退货": "refund", "换货": "exchange"},
    "channel": {"电话": "phone", "邮件": "email", "在线": "chat", "网站": "web",
                "上门": "visit", "微信": "social", "social media": "social"},
    "kind_interaction": {"电话": "call", "会议": "meeting", "邮件": "email", "拜访": "visit",
                         "备注": "note", "任务": "task", "phone call": "call", "todo": "task"},
}
