"""Demo product catalogue helpers and the pipeline: opportunities, stage history, quotes.

Won opportunities are made from orders (amount == order total, closed when ordered); lost ones
carry a reason; open ones sit in an open stage with an expected close date around now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.columns import (
    DAY,
    HOUR,
    Context,
    between,
    dates,
    pick_rows,
    stamps,
    where,
)
from crm_desktop.storage.demo.people import LEAD, People

if TYPE_CHECKING:
    from crm_desktop.storage.demo.sales import Lines

# Category preference per behaviour group (champion, big ticket, bargain, one-time, at risk,
# lead, prospect) over Hardware, Software, Services, Training, Accessories, Office supplies.
CATEGORY_TASTE = np.array([
    (20, 30, 15, 10, 15, 10), (35, 15, 35, 15, 0, 0), (0, 10, 0, 5, 40, 45),
    (30, 20, 0, 0, 30, 20), (20, 30, 10, 0, 20, 20), (30, 30, 20, 10, 5, 5),
    (30, 30, 20, 10, 5, 5)], np.float64)
QTY_MAX = np.array([5, 3, 10, 2, 4, 3, 3])
LOST_RATE = np.array([0.2, 0.5, 0.05, 0.03, 0.3, 0.0, 0.3])
OPEN_SHARE = np.array([0.15, 0.15, 0.03, 0.0, 0.0, 0.2, 0.7])
WON, LOST = 4, 5  # positions of the won and lost stages in DEFAULT_STAGES
OPEN_STAGES = 4

PRICES = np.array([p[4] for p in P.PRODUCTS], np.int64)
TAXES = np.array([p[5] for p in P.PRODUCTS], np.int64)
_CATEGORY = np.array([P.PRODUCT_CATEGORIES.index(p[3]) for p in P.PRODUCTS])
_BY_CATEGORY = np.argsort(_CATEGORY, kind="stable")
_CATEGORY_START = np.searchsorted(_CATEGORY[_BY_CATEGORY], np.arange(len(P.PRODUCT_CATEGORIES)))
_CATEGORY_COUNT = np.bincount(_CATEGORY, minlength=len(P.PRODUCT_CATEGORIES))


def products(rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
    """A product index per row, drawn with the taste of the row's behaviour group."""
    category = pick_rows(rng, CATEGORY_TASTE, group)
    offset = (rng.random(len(group)) * _CATEGORY_COUNT[category]).astype(np.int64)
    found: np.ndarray = _BY_CATEGORY[_CATEGORY_START[category] + offset]
    return found


@dataclass
class Orders:
    """The orders of a chunk, sorted by time (the service part refers to them)."""

    customer: np.ndarray  # position in People
    time: np.ndarray
    ids: np.ndarray
    product: np.ndarray  # product of the first line
    total: np.ndarray  # cents
    numbers: list[str]


@dataclass
class OpenDeals:
    customer: np.ndarray
    ids: np.ndarray
    product: np.ndarray
    created: np.ndarray


class Deals:
    """Won, lost and open opportunities of a chunk (in that order)."""

    def __init__(self, ctx: Context, rng: np.random.Generator, people: People, orders: Orders,
                 won: np.ndarray, order_campaign: np.ndarray) -> None:
        group, n = people.group, len(people.ids)
        self.won = won
        won_customer = orders.customer[won]
        won_created = np.maximum(people.created[won_customer],
                                 orders.time[won] - rng.integers(7, 91, len(won)) * DAY)
        lost_customer = np.repeat(np.arange(n), rng.poisson(LOST_RATE[group]))
        low = people.window_start[lost_customer]
        lost_created = between(rng, low, np.maximum(low, people.window_end[lost_customer]
                                                    - 30 * DAY))
        lost_closed = np.maximum(lost_created, np.minimum(
            lost_created + rng.integers(14, 121, len(lost_customer)) * DAY, ctx.now - HOUR))
        open_customer = np.flatnonzero((rng.random(n) < OPEN_SHARE[group])
                                       & (people.window_end == ctx.now))
        open_created = np.maximum(people.created[open_customer],
                                  ctx.now - rng.integers(3, 121, len(open_customer)) * DAY)
        open_stage = rng.integers(0, OPEN_STAGES, len(open_customer))
        open_stage[group[open_customer] == LEAD] //= 2
        counts = (len(won), len(lost_customer), len(open_customer))
        self.status = np.repeat(np.array(["won", "lost", "open"], dtype=object), counts)
        self.customer = np.concatenate([won_customer, lost_customer, open_customer])
        self.created = np.concatenate([won_created, lost_created, open_created])
        self.closed = np.concatenate([orders.time[won], lost_closed,
                                      np.zeros(len(open_customer), np.int64)])
        self.final = np.concatenate([np.full(len(won), WON), np.full(len(lost_customer), LOST),
                                     open_stage])
        others = self.customer[len(won):]
        self.product = np.concatenate([orders.product[won], products(rng, group[others])])
        self.quantity = 1 + (rng.random(len(self.customer)) * QTY_MAX[group[self.customer]]
                             ).astype(np.int64)
        self.amount = np.concatenate([orders.total[won],
                                      (self.quantity * PRICES[self.product])[len(won):]])
        self.campaign = np.concatenate([order_campaign[won], np.full(len(others), -1)])
        self.ids = ctx.writer.ids("opportunities", len(self.customer))

    def order_opportunity(self, n_orders: int) -> np.ndarray:
        """The opportunity id of each order (0 for none)."""
        result = np.zeros(n_orders, np.int64)
        result[self.won] = self.ids[: len(self.won)]
        return result

    def open_deals(self) -> OpenDeals:
        rows = np.flatnonzero(self.status == "open")
        return OpenDeals(self.customer[rows], self.ids[rows], self.product[rows],
                         self.created[rows])


def insert_deals(ctx: Context, rng: np.random.Generator, people: People, deals: Deals,
                 orders: Orders, lines: Lines) -> np.ndarray:
    """Insert opportunities, their stage changes, quotes and quote lines.

    Returns the quote id of each order (0 for none): accepted quotes became those orders.
    """
    w, n = ctx.writer, len(deals.ids)
    customer, status = deals.customer, deals.status
    is_open = status == "open"
    cn = people.cn[customer]
    history_end = np.where(is_open, between(rng, deals.created, np.full(n, ctx.now)), deals.closed)
    names = [
        f"{people.names[c]}{P.PRODUCTS[p][2]}采购" if z else f"{P.PRODUCTS[p][1]} for {people.names[c]}"
        for c, p, z in zip(customer.tolist(), deals.product.tolist(), cn.tolist(), strict=True)
    ]
    reason_pick = rng.integers(0, 5, n).tolist()
    reasons = [
        (P.WON_REASONS if s == "won" else P.LOST_REASONS)[z][k % (3 if s == "won" else 5)]
        if s != "open" else None
        for s, z, k in zip(status.tolist(), cn.tolist(), reason_pick, strict=True)
    ]
    expected = np.where(is_open, ctx.now + rng.integers(-15, 91, n) * DAY, deals.closed)
    override = is_open & (rng.random(n) < 0.1)
    w.insert("opportunities", n, {
        "id": deals.ids, "customer_id": people.ids[customer], "name": names,
        "pipeline_id": ctx.pipeline_id,
        "stage_id": np.array(ctx.stage_ids)[deals.final], "amount": deals.amount,
        "currency": "USD",
        "probability_override": where((rng.integers(2, 19, n) * 5).tolist(), override),
        "expected_close": dates(expected), "status": status.tolist(),
        "closed_at": where(stamps(deals.closed), ~is_open), "close_reason": reasons,
        "owner": [P.OWNERS[o] for o in people.owner[customer].tolist()],
        "lead_source": where(["campaign"] * n, deals.campaign >= 0),
        "source_campaign_id": where(ctx.campaign_ids[np.maximum(deals.campaign, 0)].tolist(),
                                    deals.campaign >= 0),
        "created_at": deals.created, "updated_at": history_end,
    })
    _insert_stage_changes(ctx, rng, deals, history_end)
    return _insert_quotes(ctx, rng, people, deals, orders, lines)


def _insert_stage_changes(ctx: Context, rng: np.random.Generator, deals: Deals,
                          history_end: np.ndarray) -> None:
    """The path of each opportunity through the stages (some open stages skipped)."""
    n = len(deals.ids)
    closed = deals.status != "open"
    reached = np.where(closed, np.where(deals.status == "won", OPEN_STAGES - 1,
                                        rng.integers(0, OPEN_STAGES, n)), deals.final)
    visited = np.zeros((n, len(ctx.stage_ids)), bool)
    visited[:, 0] = True
    skip = rng.random((n, OPEN_STAGES)) < 0.45
    for step in range(1, OPEN_STAGES):
        visited[:, step] = (step <= reached) & (~skip[:, step] | (step == reached) & ~closed)
    visited[:, WON] = deals.status == "won"
    visited[:, LOST] = deals.status == "lost"
    opp, stage = np.nonzero(visited)
    m = len(opp)
    boundary = opp[1:] != opp[:-1]
    first = np.concatenate([[True], boundary])[:m]
    last = np.concatenate([boundary, [True]])[:m]
    share = rng.random(m)
    share[first] = 0.0
    share[last & closed[opp]] = 1.0
    share = share[np.lexsort((share, opp))]
    start = deals.created[opp]
    changed = start + (share * (history_end[opp] - start)).astype(np.int64)
    stage_ids = np.array(ctx.stage_ids)
    previous = np.concatenate([[0], stage[:-1]])[:m]
    ctx.writer.insert("stage_changes", m, {
        "id": ctx.writer.ids("stage_changes", m), "opportunity_id": deals.ids[opp],
        "from_stage_id": where(stage_ids[previous].tolist(), ~first),
        "to_stage_id": stage_ids[stage], "changed_at": stamps(changed), "created_at": changed,
    })


def _insert_quotes(ctx: Context, rng: np.random.Generator, people: People, deals: Deals,
                   orders: Orders, lines: Lines) -> np.ndarray:
    n_won = len(deals.won)
    draw = rng.random(len(deals.ids))
    accepted = np.flatnonzero(draw[:n_won] < 0.6)
    lost = np.flatnonzero((deals.status == "lost") & (draw < 0.4))
    offered = np.flatnonzero((deals.status == "open") & (deals.final >= 2) & (draw < 0.7))
    which = np.concatenate([accepted, lost, offered])
    m = len(which)
    status = np.repeat(np.array(["accepted", "rejected", "sent"], dtype=object),
                       (len(accepted), len(lost), len(offered)))
    status[len(accepted):][(status[len(accepted):] == "rejected") & (rng.random(m - len(accepted))
                                                                      < 0.3)] = "expired"
    status[(status == "sent") & (rng.random(m) < 0.2)] = "draft"
    until = np.where(deals.status[which] == "open", ctx.now, deals.closed[which])
    issued = between(rng, deals.created[which], until)
    ids = ctx.writer.ids("quotes", m)
    ctx.writer.insert("quotes", m, {
        "id": ids, "number": [f"Q-{i:06d}" for i in ids.tolist()],
        "customer_id": people.ids[deals.customer[which]], "opportunity_id": deals.ids[which],
        "status": status.tolist(), "issued_on": dates(issued),
        "valid_until": dates(issued + 30 * DAY), "currency": "USD", "created_at": issued,
    })
    quote_of_order = np.zeros(len(orders.ids), np.int64)
    quote_of_order[deals.won[accepted]] = ids[: len(accepted)]
    # Accepted quotes have exactly the lines of the order they became.
    rows = np.flatnonzero(quote_of_order[lines.order] > 0)
    line_order = lines.order[rows]
    k = len(rows)
    ctx.writer.insert("quote_lines", k, {
        "id": ctx.writer.ids("quote_lines", k), "quote_id": quote_of_order[line_order],
        **lines.columns(ctx.product_ids, rows),
        "created_at": issued[np.searchsorted(ids, quote_of_order[line_order])],
    })
    rest = which[len(accepted):]
    product = deals.product[rest]
    k = len(rest)
    ctx.writer.insert("quote_lines", k, {
        "id": ctx.writer.ids("quote_lines", k), "quote_id": ids[len(accepted):],
        "position": 0, "product_id": ctx.product_ids[product],
        "description": [P.PRODUCTS[p][1] for p in product.tolist()],
        "quantity": deals.quantity[rest] * 1000, "unit_price": PRICES[product],
        "discount_pct": 0, "tax_pct": TAXES[product], "created_at": issued[len(accepted):],
    })
    return quote_of_order
