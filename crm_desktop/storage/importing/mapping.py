"""Which column feeds which field: guessed from headers, editable, savable as a JSON template.

Headers are compared without case, spaces or punctuation, so "E-mail Address", "email_address"
and "Email address" are one spelling. The synonyms cover English and Chinese headers and the
exports of HubSpot, Salesforce, Zoho, Outlook and Google Contacts (Apple writes vCards).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from crm_desktop.storage.importing.errors import ImportError_
from crm_desktop.storage.importing.fields import specs

Mapping = dict[str, str | None]
TEMPLATE_VERSION = 1

_CUSTOMER_REF_WORDS = {
    "customer_external_id": "customerexternalid customerid clientid accountid contactid "
                            "客户编号 客户id 客户代码",
    "customer_email": "customeremail email emailaddress mail 邮箱 电子邮件 客户邮箱",
    "customer_phone": "customerphone phone mobile telephone 电话 手机 客户电话 联系电话",
    "customer_name": "customername customer client clientname account accountname contact "
                     "contactname name 客户 客户名称 姓名 联系人",
}

_WORDS: dict[str, dict[str, str]] = {
    "customers": {
        "name": "name fullname displayname contactname customername customer client clientname "
                "姓名 名称 客户名称 客户姓名 客户 联系人 联系人姓名 全名",
        "first_name": "firstname givenname first forename 名 名字",
        "last_name": "lastname surname familyname last 姓 姓氏",
        "kind": "customertype contacttype recordtype 客户类型",
        "company": "company companyname organization organisation organizationname "
                   "organization1name account accountname employer 公司 公司名称 单位 企业 "
                   "所属公司 工作单位",
        "company_role": "role companyrole 角色",
        "job_title": "jobtitle title position organizationtitle organization1title designation "
                     "职位 职务 头衔",
        "department": "department dept organizationdepartment organization1department 部门",
        "email": "email emailaddress mail email1value email1 primaryemail emailaddress1 "
                 "邮箱 电子邮件 电子邮箱 邮件 邮箱地址 email地址",
        "email_label": "email1label email1type",
        "email_work": "workemail businessemail 工作邮箱",
        "email_home": "homeemail personalemail 个人邮箱",
        "email_other": "email2address email3address email2value email3value email2 email3 "
                       "secondaryemail otheremail 其他邮箱 备用邮箱",
        "phone": "phone phonenumber telephone tel phone1value primaryphone 电话 联系电话 "
                 "电话号码 联系方式",
        "phone_label": "phone1label phone1type",
        "phone_work": "businessphone workphone officephone businessphone2 companymainphone "
                      "办公电话 座机 固定电话 单位电话",
        "phone_home": "homephone homephone2 家庭电话 住宅电话",
        "phone_mobile": "mobile mobilephone mobilephonenumber cellphone cell 手机 手机号 "
                        "手机号码 移动电话",
        "phone_other": "otherphone phone2value phone3value phone2 phone3 其他电话 备用电话",
        "street": "street address streetaddress mailingstreet businessstreet address1street "
                  "addressline1 地址 街道 详细地址 通讯地址",
        "city": "city town mailingcity businesscity address1city 城市 市",
        "region": "state region stateregion province stateprovince mailingstate "
                  "mailingstateprovince businessstate address1region 省 省份 地区 省市",
        "postal_code": "postalcode zip zipcode postcode mailingzip mailingzippostalcode "
                       "mailingpostalcode businesspostalcode address1postalcode 邮编 邮政编码",
        "country": "country countryregion mailingcountry businesscountryregion "
                   "businesscountry address1country 国家 国家地区",
        "birthday": "birthday birthdate dateofbirth dob 生日 出生日期",
        "website": "website websiteurl webpage url homepage website1value 网站 网址 主页",
        "industry": "industry 行业",
        "lead_source": "leadsource source originalsource 来源 客户来源 线索来源",
        "status": "status lifecyclestage leadstatus 状态 客户状态",
        "churned_at": "churnedat churndate churnedon 流失时间 流失日期",
        "rating": "rating stars 评级 星级 评分",
        "owner": "owner contactowner accountowner leadowner ownername salesperson "
                 "负责人 所有者 销售 销售员 归属人",
        "category": "category 分类 类别 客户分类",
        "tags": "tags tag labels categories groupmembership 标签",
        "needs": "needs requirements 需求",
        "notes": "notes note comments comment remarks 备注 说明",
        "external_id": "externalid recordid contactid customerid uid 编号 客户编号 客户id "
                       "外部编号 客户代码",
        "touch_every_days": "toucheverydays stayintouch",
        "custom_fields": "customfields",
    },
    "orders": {
        "number": "number ordernumber orderno orderid invoicenumber 订单号 订单编号 单号",
        "ordered_at": "orderedat orderdate date createdat purchasedate 下单时间 订单日期 日期 "
                      "下单日期",
        "status": "status orderstatus 状态 订单状态",
        "currency": "currency 币种 货币",
        "total": "total amount ordertotal grandtotal price 金额 总额 总金额 订单金额",
        "notes": "notes note description comments 备注",
    },
    "opportunities": {
        "name": "opportunityname dealname deal opportunity title 商机 商机名称",
        "stage": "stage dealstage 阶段 销售阶段",
        "amount": "amount value dealamount 金额 预计金额",
        "currency": "currency 币种",
        "expected_close": "expectedclose closedate expectedclosedate 预计成交日期",
        "probability_override": "probability probabilityoverride 概率 赢率",
        "owner": "owner dealowner 负责人",
        "lead_source": "leadsource source 来源",
        "close_reason": "closereason lostreason 原因",
        "closed_at": "closedat 成交时间",
        "notes": "notes description 备注",
    },
    "tickets": {
        "number": "number ticketnumber ticketid casenumber 工单号 工单编号",
        "subject": "subject title 主题 标题",
        "body": "body description 描述 内容",
        "type": "type tickettype 类型",
        "category": "category 分类",
        "priority": "priority 优先级",
        "status": "status 状态",
        "channel": "channel origin 渠道",
        "owner": "owner assignee 负责人",
        "opened_at": "openedat createdat created date opened 创建时间",
        "first_response_at": "firstresponseat firstresponse 首次响应时间",
        "resolved_at": "resolvedat closedat resolved 解决时间",
        "satisfaction": "satisfaction csat 满意度",
        "feedback": "feedback 反馈",
    },
    "interactions": {
        "kind": "kind type activitytype 类型",
        "subject": "subject title 主题",
        "body": "body notes description content 内容",
        "outcome": "outcome result 结果",
        "occurred_at": "occurredat date datetime when 时间 日期",
        "due_at": "dueat due duedate 截止日期",
        "done": "done completed 完成",
        "owner": "owner 负责人",
    },
}

# Spellings that only count when no better column claims the field (Outlook's "Title" is Mr/Ms,
# Salesforce's is the job title; "ID" could be anything).
_WEAK = {"title", "id", "type", "description", "stage", "customer", "name", "mobile", "phone",
         "email", "source"}

_NUMBERED = (
    (re.compile(r"e?mail(\d+)(?:value|address)?"), "email", "email_other"),
    (re.compile(r"phone(\d+)value"), "phone", "phone_other"),
)
_PUNCT = re.compile(r"[\s_\-/\\.:()#*'\"·、，,]+")


def normalize_header(header: str) -> str:
    return _PUNCT.sub("", header.strip().lower().replace("e-mail", "email"))


@cache
def _table(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    words = dict(_WORDS.get(kind, {}))
    if kind != "customers":
        words.update(_CUSTOMER_REF_WORDS)
    for field in specs(kind):
        table[normalize_header(field)] = field
    for field, spellings in words.items():
        for spelling in spellings.split():
            table.setdefault(spelling, field)
    return table


def guess_field(header: str, kind: str = "customers") -> tuple[str | None, bool]:
    """The field a header most likely means, and whether the guess is weak."""
    key = normalize_header(header)
    field = _table(kind).get(key)
    if field is None and kind == "customers":
        for pattern, first, rest in _NUMBERED:
            match = pattern.fullmatch(key)
            if match:
                field = first if match.group(1) == "1" else rest
                break
    return field, key in _WEAK


def guess_mapping(headers: list[str], kind: str = "customers") -> Mapping:
    """Source column -> field (None = not imported); each single field is fed by one column."""
    field_specs = specs(kind)
    guesses = [(h, *guess_field(h, kind)) for h in headers]
    mapping: Mapping = {}
    taken: set[str] = set()
    for strong_pass in (True, False):
        for header, field, weak in guesses:
            if header in mapping or field is None or weak == strong_pass:
                continue
            if field in taken and not field_specs[field].multi:
                continue
            mapping[header] = field
            taken.add(field)
    return {header: mapping.get(header) for header in headers}


def check_mapping(mapping: Mapping, headers: list[str], kind: str) -> Mapping:
    """The mapping restricted to `headers`, its fields checked; unknown fields are an error."""
    field_specs = specs(kind)
    checked: Mapping = {}
    for header in headers:
        field = mapping.get(header)
        if field is not None and field not in field_specs:
            raise ImportError_(f"column {header!r} is mapped to unknown field {field!r}")
        checked[header] = field
    if not any(checked.values()):
        raise ImportError_(
            "none of the columns could be matched to a field: choose the mapping by hand"
        )
    return checked


def save_template(path: Path | str, kind: str, mapping: Mapping) -> None:
    """Write the mapping as a JSON template (kind, version, column -> field)."""
    specs(kind)
    document = {"version": TEMPLATE_VERSION, "kind": kind, "mapping": mapping}
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def load_template(path: Path | str) -> tuple[str, Mapping]:
    """(kind, mapping) from a template; `ImportError_` when the file is not one."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ImportError_(f"{Path(path).name} is not a mapping template ({error})") from None
    if not isinstance(document, dict) or not isinstance(document.get("mapping"), dict):
        raise ImportError_(f"{Path(path).name} is not a mapping template")
    kind = str(document.get("kind", "customers"))
    specs(kind)
    mapping = {str(k): (str(v) if v else None) for k, v in document["mapping"].items()}
    return kind, mapping


def apply_template(headers: list[str], template: Mapping, kind: str) -> Mapping:
    """The template's choices for the headers it knows, guesses for the others."""
    guessed = guess_mapping(headers, kind)
    return {h: template[h] if h in template else guessed[h] for h in headers}
