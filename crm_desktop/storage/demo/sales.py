"""Demo campaign members, orders with lines, opportunities with stage history, quotes, contracts.

Every won opportunity is one order whose total equals its amount; campaign conversions are
orders with `campaign_id`; at-risk customers stop buying months before they churn.
"""

from __future__ import annotations

import numpy as np

from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.campaigns import campaign_members
from crm_desktop.storage.demo.columns import (
    DAY,
    Context,
    between,
    dates,
    pick_rows,
    round_div,
    stamps,
    where,
)
from crm_desktop.storage.demo.deals import (
    PRICES,
    QTY_MAX,
    TAXES,
    Deals,
    OpenDeals,
    Orders,
    insert_deals,
    products,
)
from crm_desktop.storage.demo.people import BARGAIN, CHAMPION, People

# Per behaviour group (champion, big ticket, bargain, one-time, at risk, lead, prospect):
# Mean days between two orders while a customer buys (0: buys once); the gaps are drawn from
# a gamma distribution of shape ORDER_SHAPE, regular enough that a regular buyer rarely goes
# 180 days without an order (with random, exponential gaps a third of them would).
ORDER_INTERVAL = np.array([60, 150, 90, 0, 90, 0, 0])
ORDER_SHAPE = 3.0
BUYS = np.array([True, True, True, True, True, False, False])
LINE_COUNT = np.array([(7, 2, 1, 0), (8, 2, 0, 0), (5, 3, 1, 1), (8, 2, 0, 0), (7, 2, 1, 0),
                       (7, 2, 1, 0), (7, 2, 1, 0)], np.float64)
WON_SHARE = np.array([0.08, 0.4, 0.02, 0.05, 0.1, 0, 0])  # orders that closed an opportunity
CONTRACT_SHARE = np.array([0.08, 0.08, 0.0, 0.0, 0.05, 0.0, 0.0])
_SKUS = [p[0] for p in P.PRODUCTS]
COMPANION = np.array([_SKUS.index(P.BUNDLES[s]) if s in P.BUNDLES else -1 for s in _SKUS])


def add_sales(ctx: Context, rng: np.random.Generator, people: People) -> tuple[Orders, OpenDeals]:
    members = campaign_members(ctx, rng, people)
    group = people.group
    customer, time = order_times(rng, people)
    campaign = np.full(len(customer), -1, np.int64)
    converted = members.converted_at > 0
    customer = np.concatenate([customer, members.customer[converted]])
    time = np.concatenate([time, members.converted_at[converted]])
    campaign = np.concatenate([campaign, members.campaign[converted]])
    order = np.argsort(time, kind="stable")
    customer, time, campaign = customer[order], time[order], campaign[order]
    n = len(customer)
    ids = ctx.writer.ids("orders", n)
    lines = Lines(rng, group[customer], campaign >= 0)
    total = np.add.reduceat(lines.total, lines.first) if n else np.zeros(0, np.int64)
    orders = Orders(customer, time, ids, lines.product[lines.first], total,
                    [f"SO-{i:06d}" for i in ids.tolist()])

    won = np.flatnonzero(rng.random(n) < np.minimum(
        WON_SHARE[group[customer]] * np.where(people.company[customer], 2, 1), 0.9))
    deals = Deals(ctx, rng, people, orders, won, campaign)
    quote_of_order = insert_deals(ctx, rng, people, deals, orders, lines)
    status = np.where(rng.random(n) < 0.02, "refunded",
                      np.where(rng.random(n) < 0.01, "cancelled", "paid")).astype(object)
    status[won] = "paid"  # what closed a won deal stays sold
    status[time > ctx.now - 7 * DAY] = "open"
    opportunity = deals.order_opportunity(n)
    w = ctx.writer
    w.insert("orders", n, {
        "id": ids, "number": orders.numbers, "customer_id": people.ids[customer],
        "quote_id": where(quote_of_order.tolist(), quote_of_order > 0),
        "opportunity_id": where(opportunity.tolist(), opportunity > 0),
        "campaign_id": where(ctx.campaign_ids[np.maximum(campaign, 0)].tolist(), campaign >= 0),
        "ordered_at": stamps(time), "status": status.tolist(), "currency": "USD",
        "total": total, "created_at": time,
    })
    m = len(lines.order)
    w.insert("order_lines", m, {
        "id": w.ids("order_lines", m), "order_id": ids[lines.order],
        **lines.columns(ctx.product_ids),
        "created_at": time[lines.order],
    })
    _insert_contracts(ctx, rng, people, orders)
    members.insert(ctx, rng, people)
    return orders, deals.open_deals()


def order_times(rng: np.random.Generator, people: People) -> tuple[np.ndarray, np.ndarray]:
    """(customer position, time) of the orders of every buyer between their window's start
    and end: the first one within the first interval (anywhere for one-time buyers), then
    one after each gap."""
    group = people.group
    start, end = people.window_start, people.window_end
    buyers = np.flatnonzero(BUYS[group])
    mean = ORDER_INTERVAL[group[buyers]].astype(np.float64)
    span = np.maximum(end[buyers] - start[buyers], 0)
    first_span = np.where(mean > 0, np.minimum(span, (mean * DAY).astype(np.int64)), span)
    first = start[buyers] + (rng.random(len(buyers)) * first_span).astype(np.int64)
    # Enough gaps to pass the window's end (more than 1.6 times the mean count, plus 4).
    room = np.where(mean > 0, np.ceil(span / DAY / np.maximum(mean, 1) * 1.6) + 4, 0)
    owner = np.repeat(np.arange(len(buyers)), room.astype(np.int64))
    gaps = rng.gamma(ORDER_SHAPE, 1.0, len(owner)) * (mean[owner] / ORDER_SHAPE * DAY)
    after = np.cumsum(gaps)
    starts = np.r_[0, np.cumsum(room.astype(np.int64))[:-1]].astype(np.int64)
    before = np.r_[0.0, after][starts[owner]]  # the sum of the earlier customers' gaps
    later = first[owner] + (after - before).astype(np.int64)
    keep = later <= end[buyers][owner]
    customer = np.concatenate([buyers, buyers[owner[keep]]])
    time = np.concatenate([first, later[keep]])
    return customer, time


class Lines:
    """Order lines: products with the group's taste, bundles, quantities, discounts, totals."""

    def __init__(self, rng: np.random.Generator, group: np.ndarray, promoted: np.ndarray) -> None:
        count = 1 + pick_rows(rng, LINE_COUNT, group) if len(group) else np.zeros(0, np.int64)
        self.order = np.repeat(np.arange(len(group)), count)
        self.first = np.r_[0, np.cumsum(count)[:-1]].astype(np.int64) if len(group) else count
        self.position = np.arange(len(self.order)) - self.first[self.order]
        line_group = group[self.order]
        product = products(rng, line_group)
        later = np.flatnonzero(self.position > 0)
        companion = COMPANION[product[later - 1]]
        bundle = (companion >= 0) & (rng.random(len(later)) < 0.5)
        product[later[bundle]] = companion[bundle]
        self.product = product
        m = len(product)
        self.quantity = 1 + (rng.random(m) * QTY_MAX[line_group]).astype(np.int64)
        draw = rng.random(m)
        discount = np.where(
            line_group == BARGAIN, np.where(draw < 0.6, 500 * rng.integers(2, 7, m), 0),
            np.where(line_group == CHAMPION, np.where(draw < 0.25, 500 * rng.integers(1, 4, m), 0),
                     np.where(draw < 0.1, 500, 0)))
        self.discount = np.minimum(discount + np.where(promoted[self.order], 1000, 0), 5000)
        gross = self.quantity * PRICES[product]
        net = gross - round_div(gross * self.discount, 10_000)
        self.total = net + round_div(net * TAXES[product], 10_000)

    def columns(self, product_ids: np.ndarray,
                rows: np.ndarray | slice = slice(None)) -> dict[str, object]:
        product = self.product[rows]
        return {
            "position": self.position[rows], "product_id": product_ids[product],
            "description": [P.PRODUCTS[p][1] for p in product.tolist()],
            "quantity": self.quantity[rows] * 1000, "unit_price": PRICES[product],
            "discount_pct": self.discount[rows], "tax_pct": TAXES[product],
        }


def _insert_contracts(ctx: Context, rng: np.random.Generator, people: People,
                      orders: Orders) -> None:
    """Service contracts of companies and some big customers, started by their first order.

    A quarter of them come up for renewal within the next 60 days.
    """
    buyers, first = np.unique(orders.customer, return_index=True)
    share = np.where(people.company[buyers], 0.4, CONTRACT_SHARE[people.group[buyers]])
    keep = rng.random(len(buyers)) < share
    buyers, first = buyers[keep], first[keep]
    n = len(buyers)
    years = rng.integers(1, 3, n)
    began = orders.time[first]
    start = between(rng, began, np.maximum(began, ctx.now - 30 * DAY))
    soon_end = ctx.now + rng.integers(35, 86, n) * DAY
    soon = (rng.random(n) < 0.25) & (soon_end - years * 365 * DAY >= began)
    start = np.where(soon, soon_end - years * 365 * DAY, start)
    start -= start % DAY
    end = start + years * 365 * DAY
    auto = rng.random(n) < 0.5
    churned = people.churned[buyers]
    status = np.where(end >= ctx.now, "active", np.where(auto, "renewed", "expired"))
    status = np.where((churned > 0) & (end > churned), "cancelled", status)
    ids = ctx.writer.ids("contracts", n)
    title = rng.integers(0, len(P.CONTRACT_TITLES), n).tolist()
    ctx.writer.insert("contracts", n, {
        "id": ids, "number": [f"C-{i:06d}" for i in ids.tolist()],
        "customer_id": people.ids[buyers], "order_id": orders.ids[first],
        "title": [P.CONTRACT_TITLES[t] for t in title], "start_date": dates(start),
        "end_date": dates(end), "renewal_date": dates(end - 30 * DAY),
        "value": orders.total[first] * years, "currency": "USD", "status": status.tolist(),
        "auto_renew": auto.astype(np.int64), "created_at": start,
        "updated_at": np.minimum(np.maximum(start, end - 30 * DAY), ctx.now),
    })
