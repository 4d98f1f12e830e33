"""Customers (persons and companies), their emails and phones, and links between them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm_desktop.models.base import Entity, SoftDeletable

CUSTOMER_KINDS = ("person", "company")
LIFECYCLE_STATUSES = ("lead", "prospect", "customer", "churned")
CONTACT_KINDS = ("email", "phone")
CONTACT_LABELS = ("work", "home", "mobile", "other")
RELATIONSHIP_KINDS = (
    "colleague", "referral", "family", "partner", "reports_to", "friend", "other",
)


class Customer(SoftDeletable, Entity):
    __tablename__ = "customers"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'company')", name="kind"),
        CheckConstraint("status IN ('lead', 'prospect', 'customer', 'churned')", name="status"),
        CheckConstraint("rating IS NULL OR (rating BETWEEN 0 AND 5)", name="rating"),
        # Import matching by external id (revision 0010): only the customers that have one
        # (most have none; a file without the column adds no entry).
        Index("ix_customers_external_id", "external_id",
              sqlite_where=text("external_id IS NOT NULL")),
        # The companies by name (revision 0010): an import reads them all before its first row
        # (storage/importing/customer_match.py) from this small index instead of scanning
        # every customer (0.7-1.5 s at a million customers).
        Index("ix_customers_companies", "kind", "name", "deleted_at",
              sqlite_where=text("kind = 'company'")),
    )

    kind: Mapped[str] = mapped_column(String(10), default="person")
    name: Mapped[str] = mapped_column(String(200), index=True)
    # A person may belong to a company account, with a role there.
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL"), index=True
    )
    company_role: Mapped[str | None] = mapped_column(String(100))
    job_title: Mapped[str | None] = mapped_column(String(100))
    department: Mapped[str | None] = mapped_column(String(100))
    birthday: Mapped[date | None] = mapped_column(Date)
    website: Mapped[str | None] = mapped_column(String(200))
    street: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(100), index=True)
    region: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2))
    industry: Mapped[str | None] = mapped_column(String(100))
    lead_source: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), default="lead", index=True)
    rating: Mapped[int | None] = mapped_column(Integer)
    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    category: Mapped[str | None] = mapped_column(String(100), index=True)
    # Comma-separated, normalised by storage ("vip, wholesale"); filtered with LIKE.
    tags: Mapped[str | None] = mapped_column(String(500))
    needs: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    custom_fields: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Identifier in the system the customer was imported from (re-imports match on it).
    external_id: Mapped[str | None] = mapped_column(String(100))
    # "Stay in touch": days between contacts; storage creates the next follow-up task.
    touch_every_days: Mapped[int | None] = mapped_column(Integer)
    churned_at: Mapped[datetime | None] = mapped_column(DateTime)

    company: Mapped[Customer | None] = relationship(remote_side="Customer.id")
    contacts: Mapped[list[ContactPoint]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="ContactPoint.id"
    )

    @property
    def primary_email(self) -> str | None:
        return _primary(self.contacts, "email")

    @property
    def primary_phone(self) -> str | None:
        return _primary(self.contacts, "phone")


def _primary(contacts: list[ContactPoint], kind: str) -> str | None:
    of_kind = [c for c in contacts if c.kind == kind]
    for contact in of_kind:
        if contact.is_primary:
            return contact.value
    return of_kind[0].value if of_kind else None


class ContactPoint(Entity):
    """One email address or phone number of a customer, typed, with at most one primary each."""

    __tablename__ = "contact_points"
    __table_args__ = (
        CheckConstraint("kind IN ('email', 'phone')", name="kind"),
        # One index for import matching (normalized = ? AND kind = ?) and email search (a
        # prefix range of normalized, kind = 'email'), covering both with the customer id
        # (revision 0010: it replaced a plain one on normalized and a partial one on emails).
        Index("ix_contact_points_normalized", "normalized", "kind", "customer_id"),
        # Domain search (revision 0006, storage/search/customers.py): the emails' domains,
        # with the customer id, kind and address so that a lookup reads only the index.
        Index("ix_contact_points_email_domain",
              text("substr(normalized, instr(normalized, '@') + 1)"), "customer_id", "kind",
              "normalized", sqlite_where=text("kind = 'email'")),
    )

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(20), default="work")
    # As the user typed it (email) or E.164 (phone).
    value: Mapped[str] = mapped_column(String(200))
    # Lower-cased email or the phone's digits: what matching and search use.
    normalized: Mapped[str] = mapped_column(String(200))
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class Relationship(SoftDeletable, Entity):
    """A directed link between two customers; strength in [0, 1] (1 = strongest)."""

    __tablename__ = "relationships"
    __table_args__ = (
        CheckConstraint("strength >= 0 AND strength <= 1", name="strength"),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )

    source_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="other")
    strength: Mapped[float] = mapped_column(Float, default=0.5)
    since: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
