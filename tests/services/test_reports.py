"""Sales reports from SQL (storage.reports + services.reports) against the pandas reference
(analytics.sales_report on the frames) on a demo database with planted edge cases, and the
exports."""

from __future__ import annotations

import csv
import math
from datetime import date, datetime

import pandas as pd
import pytest

from crm_desktop.analytics import sales_report as reference
from crm_desktop.services import reports
from crm_desktop.services.outcome import write
from crm_desktop.storage import frames
from crm_desktop.storage.database import open_database
from crm_desktop.storage.errors import ValidationError
from tests.conftest import demo_database_file


@pytest.fixture(scope="module")
def demo(tmp_path_factory, template_db):
    """A demo database with a deleted customer, a deleted order, a blank owner, a line with a
    discount and a fraction of a cent, an order without lines and a line without product."""
    from crm_desktop.models import Customer, Opportunity, Order, OrderLine

    database = open_database(demo_database_file(tmp_path_factory, template_db, "reports", 300,
                                                3))

    def plant(session):
        from decimal import Decimal

        session.get(Customer, 5).deleted_at = datetime(2026, 1, 1)
        order = session.query(Order).filter(Order.status == "paid").order_by(Order.id).first()
        order.deleted_at = datetime(2026, 1, 1)
        deal = session.query(Opportunity).filter(Opportunity.status == "won").first()
        deal.owner = "  "
        line = session.query(OrderLine).join(Order).filter(Order.status == "paid").order_by(
            OrderLine.id.desc()).first()
        line.discount_pct = Decimal("12.5")
        line.quantity = Decimal("3")
        line.unit_price = Decimal("33.33")
        line.product_id = None
    write(database, plant)
    yield database
    database.close()


def _reference(database, by, start=None, end=None):
    f = {name: getattr(frames, name)(database)
         for name in ("orders", "opportunities", "order_lines", "customers")}
    out = reference.sales_report(f["orders"], f["opportunities"], f["order_lines"],
                                 f["customers"], by=by, start=start, end=end)
    out[by] = out[by].astype(str)
    return out.set_index([by, "currency"])


def _same(mine, theirs, tolerance=1e-6):
    """Equal within ``tolerance`` (absolute: money is rounded to cents here)."""
    if mine is None:
        return theirs is None or (isinstance(theirs, float) and math.isnan(theirs))
    return float(mine) == pytest.approx(float(theirs), rel=1e-12, abs=tolerance)


@pytest.mark.parametrize("by", reports.DIMENSIONS)
@pytest.mark.parametrize(("start", "end"), [
    (None, None), (date(2025, 3, 1), date(2026, 2, 28)),
    (date(2025, 3, 17), date(2026, 2, 9)),  # partial months at both ends: computed live
    (None, date(2025, 11, 14)), (date(2025, 6, 3), None)])
def test_sql_report_equals_the_pandas_reference(demo, by, start, end):
    _check_against_reference(demo, by, start, end)


def _check_against_reference(database, by, start=None, end=None, groups=2):
    mine = reports.sales_report(database, by, start, end)
    theirs = _reference(database, by, start, end)
    if by == "product":  # the reference labels products by name: compare names
        assert sorted((r.key, r.currency) for r in mine.rows) == sorted(theirs.index)
    else:
        assert {(r.key, r.currency) for r in mine.rows} == set(theirs.index)
    assert len(mine.rows) >= groups
    for row in mine.rows:
        expected = theirs.loc[(row.key, row.currency)]
        assert _same(row.revenue, expected["revenue"], 0.00501), row  # rounded to cents
        assert row.orders == expected["orders"] and row.deals_won == expected["deals_won"], row
        for name in ("deals_lost", "win_rate", "won_amount"):
            assert _same(getattr(row, name), expected[name]), (row, name)
        assert _same(row.avg_deal_size, expected["avg_deal_size"], 0.00501), row  # in cents
        for name in ("cycle_days_mean", "cycle_days_median"):
            assert _same(getattr(row, name), expected[name], 1e-4), (row, name)


def test_one_part_of_a_month(demo):
    for by in ("month", "product", "owner"):
        _check_against_reference(demo, by, date(2025, 6, 3), date(2025, 6, 20), groups=1)


def test_times_inside_a_day_are_read_from_the_orders(demo):
    from crm_desktop.storage.reports import deal_groups, revenue_groups

    lo, hi = datetime(2025, 6, 3, 12, 30), datetime(2025, 9, 20, 8, 15)
    theirs = _reference(demo, "month", pd.Timestamp(lo), pd.Timestamp(hi))
    revenue = {(g.key, g.currency): g for g in revenue_groups(demo, "month", lo, hi)}
    deals = {(g.key, g.currency): g for g in deal_groups(demo, "month", lo, hi)}
    assert set(revenue) | set(deals) == set(theirs.index) and len(revenue) == 4
    for group, row in revenue.items():
        assert float(row.revenue) == pytest.approx(theirs.loc[group, "revenue"], abs=0.00501)
        assert row.orders == theirs.loc[group, "orders"]
    for group, row in deals.items():
        assert row.won == theirs.loc[group, "deals_won"]
        assert row.lost == theirs.loc[group, "deals_lost"]
    same_day = revenue_groups(demo, "month", datetime(2025, 6, 3, 9), datetime(2025, 6, 3, 18))
    theirs = _reference(demo, "month", pd.Timestamp(2025, 6, 3, 9), pd.Timestamp(2025, 6, 3, 18))
    assert sum(g.orders for g in same_day) == theirs["orders"].sum()


@pytest.fixture
def edited(tmp_path_factory, template_db):
    database = open_database(demo_database_file(tmp_path_factory, template_db, "edits", 200,
                                                5))
    yield database
    database.close()


def _edit_everything_a_report_reads(session):
    """One change of each kind the daily totals must follow (the triggers of 0006)."""
    from decimal import Decimal

    from crm_desktop.models import Customer, Opportunity, Order, OrderLine, Product

    orders = session.query(Order).order_by(Order.id).all()
    paid = [o for o in orders if o.status == "paid"]
    paid[0].status = "cancelled"
    next(o for o in orders if o.status != "paid").status = "paid"
    paid[1].ordered_at = paid[1].ordered_at.replace(year=paid[1].ordered_at.year - 1)
    paid[2].deleted_at = datetime(2026, 1, 1)
    paid[3].currency = "EUR"
    paid[4].customer_id = paid[5].customer_id
    session.get(Customer, paid[6].customer_id).deleted_at = datetime(2026, 1, 1)
    session.get(Customer, paid[7].customer_id).city = "Nowhere Town"
    session.get(Customer, paid[8].customer_id).owner = "Zoe Newowner"
    line = session.query(OrderLine).filter(OrderLine.order_id == paid[9].id).first()
    line.quantity = Decimal("7")
    line.unit_price = Decimal("12.34")
    session.delete(session.query(OrderLine).filter(OrderLine.order_id == paid[10].id).first())
    product = session.query(Product).order_by(Product.id).first()
    product.category = "Renamed category"
    deals = session.query(Opportunity).filter(Opportunity.status == "won").all()
    deals[0].owner = "Yan Dealowner"
    deals[1].status = "lost"
    deals[2].closed_at = deals[2].closed_at.replace(year=deals[2].closed_at.year - 1)
    deals[3].deleted_at = datetime(2026, 1, 1)
    with_order = next(o for o in paid[11:] if o.opportunity_id is not None)
    with_order.opportunity_id = deals[4].id
    session.add(OrderLine(order_id=paid[12].id, description="Added later",
                          quantity=Decimal("2"), unit_price=Decimal("99.99"),
                          product_id=product.id))


def test_the_daily_totals_follow_every_kind_of_change(edited, tmp_path):
    from crm_desktop.storage.database import Database

    for by in reports.DIMENSIONS:  # the totals are fresh now
        reports.sales_report(edited, by)
    write(edited, _edit_everything_a_report_reads)
    # read-only (nothing refreshed): the months the changes touched are computed live
    assert edited.path is not None
    read_only = Database(None, edited.path, read_only="a test", verified=True).open()
    try:
        for by in reports.DIMENSIONS:
            _check_against_reference(read_only, by)
        _check_against_reference(read_only, "owner", date(2025, 3, 17), date(2026, 2, 9))
    finally:
        read_only.close()
    for by in reports.DIMENSIONS:  # writable: refreshed, then read from the totals
        _check_against_reference(edited, by)
    from crm_desktop.storage.database import raw_connection
    with raw_connection(edited) as connection:
        assert connection.execute("SELECT COUNT(*) FROM report_summary_stale").fetchone() \
            == (0,)


def test_orders_and_deals_inside_the_dates_only(demo):
    whole = reports.sales_report(demo, "month")
    part = reports.sales_report(demo, "month", date(2025, 3, 1), date(2025, 5, 31))
    assert [r.key for r in part.rows if r.orders] == ["2025-03", "2025-04", "2025-05"]
    by_month = {(r.key, r.currency): r for r in whole.rows}
    for row in part.rows:
        assert row.revenue == by_month[(row.key, row.currency)].revenue


def test_unknown_grouping_and_reversed_dates(demo):
    with pytest.raises(ValidationError, match="by: 'colour'"):
        reports.sales_report(demo, "colour")
    with pytest.raises(ValidationError, match="to: 2025-01-01 is before 2025-02-01"):
        reports.sales_report(demo, "month", date(2025, 2, 1), date(2025, 1, 1))
    with pytest.raises(ValidationError, match="report: 'nope'"):
        reports.run_report(demo, "nope")


def test_a_blank_database_gives_an_empty_report(db):
    for by in reports.DIMENSIONS:
        assert reports.sales_report(db, by).rows == ()


def test_export_csv_and_xlsx_neutralise_formulas(db, tmp_path):
    from openpyxl import load_workbook

    row = reports.SalesReportRow("=HYPERLINK(\"x\")", "EUR", reports.Decimal("10.50"), 2, 1, 0,
                                 1.0, reports.Decimal("10.50"), reports.Decimal("10.50"), 3.0,
                                 3.0)
    report = reports.SalesReport("sales", "owner", None, None, (row,))
    assert reports.export_report(report, tmp_path / "r.csv") == 1
    with open(tmp_path / "r.csv", encoding="utf-8-sig", newline="") as handle:
        header, line = list(csv.reader(handle))
    assert header[:3] == ["owner", "currency", "revenue"]
    assert line[0] == "'=HYPERLINK(\"x\")" and line[2] == "10.50"
    assert reports.export_report(report, tmp_path / "r.xlsx") == 1
    sheet = load_workbook(tmp_path / "r.xlsx").active
    cell = sheet.cell(row=2, column=1)
    assert cell.value == "=HYPERLINK(\"x\")" and cell.data_type == "s" and cell.quotePrefix
    with pytest.raises(reports.StorageError, match="does not exist"):
        reports.export_report(report, tmp_path / "no" / "r.csv")


def test_chart_of_a_report(demo):
    chart = reports.report_chart(reports.sales_report(demo, "month"))
    assert chart.kind == "line" and chart.x == sorted(chart.x) and len(chart.y) == len(chart.x)
    bars = reports.report_chart(reports.sales_report(demo, "city"), "win_rate")
    assert bars.kind == "barh" and bars.y == sorted(bars.y)
    assert isinstance(pd.Series(bars.y).sum(), float)
