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


def _f(name: str, label: str, type: str = "text", **kw: object) -> FieldSpec:  # noqa: A002
    return FieldSpec(name, label, type, **kw)  # type: ignore[arg-type]


CUSTOMER_REFS = (
    _f("customer_external_id", "Customer external ID"),
    _f("customer_email", "Customer email", "email"),
    _f("customer_phone", "Customer phone", "phone"),
    _f("customer_name", "Customer name"),
)

CUSTOMER_FIELDS = (
    _f("name", "Name"),
    _f("first_name", "First name"),
    _f("last_name", "Last name"),
    _f("kind", "Kind (person/company)", "choice", choices=("person", "company")),
    _f("company", "Company"),
    _f("company_role", "Role at company"),
    _f("job_title", "Job title"),
    _f("department", "Department"),
    _f("email", "Email (primary)", "email", multi=True),
    _f("email_label", "Email label", "choice", choices=("work", "home", "mobile", "other")),
    _f("email_work", "Email (work)", "email", multi=True),
    _f("email_home", "Email (home)", "email", multi=True),
    _f("email_other", "Email (other)", "email", multi=True),
    _f("phone", "Phone (primary)", "phone", multi=True),
    _f("phone_label", "Phone label", "choice", choices=("work", "home", "mobile", "other")),
    _f("phone_work", "Phone (work)", "phone", multi=True),
    _f("phone_home", "Phone (home)", "phone", multi=True),
    _f("phone_mobile", "Phone (mobile)", "phone", multi=True),
    _f("phone_other", "Phone (other)", "phone", multi=True),
    _f("street", "Street", multi=True),
    _f("city", "City"),
    _f("region", "State / region"),
    _f("postal_code", "Postal code"),
    _f("country", "Country", "country"),
    _f("birthday", "Birthday", "date"),
    _f("website", "Website"),
    _f("industry", "Industry"),
    _f("lead_source", "Lead source"),
    _f("status", "Status", "choice", choices=("lead", "prospect", "customer", "churned")),
    _f("churned_at", "Churned at", "datetime"),
    _f("rating", "Rating (0-5)", "int"),
    _f("owner", "Owner"),
    _f("category", "Category"),
    _f("tags", "Tags", "tags", multi=True),
    _f("needs", "Needs"),
    _f("notes", "Notes", multi=True),
    _f("external_id", "External ID"),
    _f("uuid", "UUID (recognises re-imported rows)"),
    _f("touch_every_days", "Stay in touch every (days)", "int"),
    _f("custom_fields", "Custom fields (JSON)", "json"),
    _f("custom", "Custom field (column name)", multi=True),
)

ORDER_FIELDS = (
    _f("number", "Order number"),
    *CUSTOMER_REFS,
    _f("ordered_at", "Order date", "datetime"),
    _f("status", "Status", "choice", choices=("open", "paid", "refunded", "cancelled")),
    _f("currency", "Currency"),
    _f("total", "Total", "money"),
    _f("notes", "Notes", multi=True),
)

OPPORTUNITY_FIELDS = (
    _f("name", "Opportunity name", required=True),
    *CUSTOMER_REFS,
    _f("stage", "Stage"),
    _f("amount", "Amount", "money"),
    _f("currency", "Currency"),
    _f("expected_close", "Expected close", "date"),
    _f("probability_override", "Probability %", "int"),
    _f("owner", "Owner"),
    _f("lead_source", "Lead source"),
    _f("close_reason", "Close reason"),
    _f("closed_at", "Closed at", "datetime"),
    _f("notes", "Notes", multi=True),
)

TICKET_FIELDS = (
    _f("number", "Ticket number"),
    *CUSTOMER_REFS,
    _f("subject", "Subject", required=True),
    _f("body", "Description"),
    _f("type", "Type", "choice", choices=("consultation", "complaint", "refund", "exchange")),
    _f("category", "Category"),
    _f("priority", "Priority", "choice", choices=("low", "normal", "high", "urgent")),
    _f("status", "Status", "choice", choices=("open", "pending", "resolved", "closed")),
    _f("channel", "Channel", "choice",
       choices=("phone", "email", "chat", "web", "visit", "social")),
    _f("owner", "Owner"),
    _f("opened_at", "Opened at", "datetime"),
    _f("first_response_at", "First response at", "datetime"),
    _f("resolved_at", "Resolved at", "datetime"),
    _f("satisfaction", "Satisfaction (1-5)", "int"),
    _f("feedback", "Feedback"),
)

INTERACTION_FIELDS = (
    *CUSTOMER_REFS,
    _f("kind", "Kind", "choice", choices=("call", "meeting", "email", "visit", "note", "task")),
    _f("subject", "Subject", required=True),
    _f("body", "Body", multi=True),
    _f("outcome", "Outcome"),
    _f("occurred_at", "Date", "datetime"),
    _f("due_at", "Due", "datetime"),
    _f("done", "Done", "bool"),
    _f("owner", "Owner"),
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
