"""'Likely to buy next' read back per customer, and a campaign at the customers to whom a
product is suggested (stored as the basket analysis' Apply stores them)."""

from __future__ import annotations

import pandas as pd
import pytest

from crm_desktop.models import Campaign, Product
from crm_desktop.services import campaigns, records
from crm_desktop.services.suggested_campaigns import (
    campaign_for_product,
    find_suggested_product,
)
from crm_desktop.storage import analytics_store, query
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.next_products import (
    NextProduct,
    customers_suggested,
    next_products,
    suggested_products,
)
from tests.ui.page_helpers import make_customer


@pytest.fixture
def suggested(db):
    """Toner is suggested to Ann and Bea (because of the printer), paper to Ann; Cid (in the
    trash) was suggested toner too; Dan has no suggestion."""
    with db.session() as session:
        toner = query.create(session, Product, name="Toner").id
        paper = query.create(session, Product, name="Paper").id
    ann, bea, cid, dan = (make_customer(db, n) for n in ("Ann", "Bea", "Cid", "Dan"))
    records.trash(db, "customers", [cid])
    table = pd.DataFrame({
        "customer_id": [ann, bea, cid], "score": [2.0, 1.5, 1.0],
        "product": ["Toner", "Toner", "Toner"],
        "products": [["Toner", "Paper"], ["Toner"], ["Toner"]],
        "product_ids": [[toner, paper], [toner], [toner]],
        "because": [["Printer", "Printer + Toner"], ["Printer"], ["Printer"]]})
    analytics_store.save_results(db, "next_products", table, "score", "product",
                                 detail_cols=("products", "product_ids", "because"))
    return {"toner": toner, "paper": paper, "ann": ann, "bea": bea, "cid": cid, "dan": dan}


def test_next_products_of_a_customer_best_first(db, suggested):
    assert next_products(db, suggested["ann"]) == (
        NextProduct(suggested["toner"], "Toner", "Printer"),
        NextProduct(suggested["paper"], "Paper", "Printer + Toner"))
    assert next_products(db, suggested["dan"]) == ()


def test_customers_and_products_suggested_leave_the_trash_out(db, suggested):
    assert customers_suggested(db, suggested["toner"]) == [suggested["ann"], suggested["bea"]]
    assert [(p.name, p.customers) for p in suggested_products(db)] == [("Toner", 2),
                                                                         ("Paper", 1)]
    assert find_suggested_product(db, "toner").product_id == suggested["toner"]
    assert find_suggested_product(db, str(suggested["paper"])).name == "Paper"
    with pytest.raises(ValidationError, match="suggested to no customer"):
        find_suggested_product(db, "Stapler")


def test_campaign_for_a_suggested_product_targets_those_customers(db, suggested):
    outcome = campaign_for_product(db, suggested["toner"])
    made = outcome.value
    assert (made.product, made.customers) == ("Toner", 2)
    assert {"campaigns", "segments"} <= set(outcome.changes.entities)
    with db.session() as session:
        campaign = session.get(Campaign, made.campaign_id)
        assert campaign.name == "Offer: Toner" and campaign.target_segment_id == made.segment_id
    added = campaigns.add_members(db, made.campaign_id, holdout_share=0.5, seed=1)
    assert len(added.value) == 2
    records.trash(db, "campaigns", [made.campaign_id])  # what the UI's undo does
    with pytest.raises(ValidationError, match="suggested to no customer"):
        campaign_for_product(db, _unsuggested(db))


def _unsuggested(db):
    with db.session() as session:
        return query.create(session, Product, name="Stapler").id
