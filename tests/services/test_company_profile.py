"""The company profile printed on documents: stored in settings, checked, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from crm_desktop.models import AuditEntry
from crm_desktop.services import company_profile as cp
from crm_desktop.services.money import default_currency
from crm_desktop.storage.errors import ValidationError

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
       b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def test_nothing_stored_gives_an_empty_profile(db):
    profile = cp.load_profile(db)
    assert profile == cp.CompanyProfile() and profile.default_currency == "USD"


def test_save_some_fields_keeps_the_others_and_is_audited(db):
    cp.save_profile(db, {"name": " Acme Ltd ", "address": "1 Main St\nSpringfield"})
    outcome = cp.save_profile(db, {"tax_id": "US-12-345", "default_currency": "rmb"})
    profile = cp.load_profile(db)
    assert outcome.value == profile
    assert (profile.name, profile.address, profile.tax_id, profile.default_currency) == (
        "Acme Ltd", "1 Main St\nSpringfield", "US-12-345", "CNY")
    assert default_currency(db) == "CNY"  # the setting new records start with
    assert "settings" in outcome.changes.entities
    with db.session() as session:
        audited = session.scalars(select(AuditEntry.entity).where(
            AuditEntry.entity == "settings")).all()
    assert len(audited) >= 3


def test_logo_bytes_are_kept_and_can_be_removed(db, tmp_path):
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)
    cp.save_profile(db, {"logo": cp.logo_from_file(path)})
    logo = cp.load_profile(db).logo
    assert logo == cp.Logo(PNG, "png")
    assert cp.load_profile(db).to_dict()["logo"] == {"type": "png", "bytes": len(PNG)}
    cp.save_profile(db, {"name": "Still here"})
    assert cp.load_profile(db).logo == logo
    cp.save_profile(db, {"logo": None})
    assert cp.load_profile(db).logo is None


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"logo": b"GIF-not-really"}, "logo", "is not a PNG"),
    ({"logo": b"\x89PNG\r\n\x1a\n" + b"0" * cp.MAX_LOGO_BYTES}, "logo", "at most"),
    ({"name": "x" * 201}, "name", "at most 200"),
    ({"default_currency": "Dollars"}, "currency", "not a currency"),
    ({"colour": "blue"}, "colour", "not part of"),
])
def test_bad_changes_name_the_field_and_store_nothing(db, changes, field, words):
    with pytest.raises(ValidationError, match=words) as error:
        cp.save_profile(db, changes)
    assert error.value.field == field
    assert cp.load_profile(db) == cp.CompanyProfile()


def test_a_missing_logo_file_is_one_line(tmp_path):
    with pytest.raises(ValidationError, match="cannot read .*nope.png"):
        cp.logo_from_file(tmp_path / "nope.png")


def test_undo_by_saving_the_profile_before(db):
    cp.save_profile(db, {"name": "Before"})
    before = cp.load_profile(db)
    cp.save_profile(db, {"name": "After", "terms": "30 days"})
    cp.save_profile(db, cp.profile_changes(before))
    assert cp.load_profile(db) == before
