"""The domain vocabulary: SQLAlchemy 2.0 entities. Imports nothing else of ours."""

from crm_desktop.models.activity import INTERACTION_KINDS, Interaction
from crm_desktop.models.audit import AnalyticsResult, AuditEntry, Setting
from crm_desktop.models.base import Base, Entity, SoftDeletable, new_uuid, utcnow
from crm_desktop.models.customer import (
    CUSTOMER_KINDS,
    LIFECYCLE_STATUSES,
    RELATIONSHIP_KINDS,
    ContactPoint,
    Customer,
    Relationship,
)
from crm_desktop.models.graph import GraphLayout
from crm_desktop.models.marketing import (
    CAMPAIGN_CHANNELS,
    CAMPAIGN_STATUSES,
    Campaign,
    CampaignMember,
    Segment,
)
from crm_desktop.models.sales import (
    DEFAULT_STAGES,
    OPPORTUNITY_STATUSES,
    Contract,
    Opportunity,
    Order,
    OrderLine,
    Pipeline,
    Product,
    Quote,
    QuoteLine,
    Stage,
    StageChange,
)
from crm_desktop.models.service import (
    SLA_HOURS,
    TICKET_PRIORITIES,
    TICKET_STATUSES,
    TICKET_TYPES,
    SurveyResponse,
    Ticket,
    TicketMessage,
)
from crm_desktop.models.targets import PERIOD_KINDS, SalesTarget

__all__ = [
    "CAMPAIGN_CHANNELS", "CAMPAIGN_STATUSES", "CUSTOMER_KINDS", "DEFAULT_STAGES",
    "INTERACTION_KINDS", "LIFECYCLE_STATUSES", "OPPORTUNITY_STATUSES", "PERIOD_KINDS",
    "RELATIONSHIP_KINDS",
    "SLA_HOURS", "TICKET_PRIORITIES", "TICKET_STATUSES", "TICKET_TYPES",
    "AnalyticsResult", "AuditEntry", "Base", "Campaign", "CampaignMember", "ContactPoint",
    "Contract", "Customer", "Entity", "GraphLayout", "Interaction", "Opportunity", "Order", "OrderLine",
    "Pipeline", "Product", "Quote", "QuoteLine", "Relationship", "SalesTarget", "Segment", "Setting",
    "SoftDeletable", "Stage", "StageChange", "SurveyResponse", "Ticket", "TicketMessage",
    "new_uuid", "utcnow",
]
