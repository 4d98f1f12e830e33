"""Demo tickets with their conversations, NPS survey answers, and interactions (calls, tasks...).

Ticket texts come from a few recurring themes in English and Chinese (refund, delivery delay,
account login, product quality, invoice). At-risk customers complain, unhappily, in the months
between their last order and their churn.
"""

from __future__ import annotations

import numpy as np

from crm_desktop.models import INTERACTION_KINDS, SLA_HOURS, TICKET_PRIORITIES
from crm_desktop.models.service import TICKET_CHANNELS
from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.columns import (
    DAY,
    HOUR,
    Context,
    between,
    pick,
    pick_rows,
    stamps,
    texts,
    where,
)
from crm_desktop.storage.demo.deals import OpenDeals, Orders, products
from crm_desktop.storage.demo.people import AT_RISK, LEAD, People

# Per behaviour group (champion, big ticket, bargain, one-time, at risk, lead, prospect):
TICKET_SHARE = np.array([0.05, 0.08, 0.03, 0.08, 0.08, 0.0, 0.0])  # tickets per order
THEME_TASTE = np.array([(15, 25, 15, 15, 30), (15, 20, 10, 25, 30), (35, 30, 10, 15, 10),
                        (30, 25, 15, 20, 10), (25, 35, 10, 25, 5), (0, 0, 1, 0, 0),
                        (0, 0, 1, 0, 0)], np.float64)
NPS_BASE = np.array([9.0, 8.3, 7.0, 6.5, 5.0, 7.0, 7.0])
INTERACTION_RATE = np.array([1.5, 1.2, 0.6, 0.3, 1.0, 0.6, 1.2])
REFUND, DELIVERY, ACCOUNT, QUALITY, INVOICE = range(5)
# Priority weights (low, normal, high, urgent) per ticket type, and mean satisfaction.
PRIORITY_TASTE = {"consultation": (35, 50, 12, 3), "complaint": (10, 40, 35, 15),
                  "refund": (10, 50, 30, 10), "exchange": (20, 50, 25, 5)}
SATISFACTION = {"consultation": 4.5, "complaint": 3.5, "refund": 3.7, "exchange": 3.9}
CHANNEL_WEIGHTS = (25, 35, 20, 12, 3, 5)
KIND_WEIGHTS = (25, 10, 25, 5, 15, 20)
STUCK_SHARE = 0.03  # tickets that get stuck (see _tickets)
STUCK_DAYS = 21  # a stuck ticket opened within these days is still open


def add_service(ctx: Context, rng: np.random.Generator, people: People, orders: Orders,
                deals: OpenDeals) -> None:
    tickets = _tickets(ctx, rng, people, orders)
    _interactions(ctx, rng, people, deals, tickets)


def _ticket_plan(ctx: Context, rng: np.random.Generator, people: People,
                 orders: Orders) -> tuple[np.ndarray, ...]:
    """(customer, order or -1, opened, theme, angry) of each ticket, sorted by opening time."""
    group = people.group
    about = np.flatnonzero(rng.random(len(orders.ids)) < TICKET_SHARE[group[orders.customer]])
    a_customer = orders.customer[about]
    a_opened = orders.time[about] + (rng.random(len(about)) * 19 * DAY).astype(np.int64) + DAY
    a_theme = pick_rows(rng, THEME_TASTE, group[a_customer])
    # Complaints of at-risk customers between their last order and their churn.
    buyers_desc = orders.customer[::-1]
    buyers, last_desc = np.unique(buyers_desc, return_index=True)
    last = len(orders.ids) - 1 - last_desc
    unhappy = (group[buyers] == AT_RISK) & (rng.random(len(buyers)) < 0.7)
    buyers, last = buyers[unhappy], last[unhappy]
    repeat = 1 + rng.binomial(1, 0.3, len(buyers))
    b_customer, b_order = np.repeat(buyers, repeat), np.repeat(last, repeat)
    b_opened = between(rng, people.window_end[b_customer], people.story_end[b_customer] - DAY)
    b_theme = np.array([DELIVERY, QUALITY, REFUND])[pick(rng, (40, 40, 20), len(b_customer))]
    # Questions about the account from anyone, with or without orders.
    c_customer = np.flatnonzero(rng.random(len(group)) < 0.03)
    c_opened = between(rng, people.created[c_customer], people.story_end[c_customer] - HOUR)
    customer = np.concatenate([a_customer, b_customer, c_customer])
    order = np.concatenate([about, b_order, np.full(len(c_customer), -1)])
    opened = np.concatenate([a_opened, b_opened, c_opened])
    theme = np.concatenate([a_theme, b_theme, np.full(len(c_customer), ACCOUNT)])
    angry = np.repeat([False, True, False], [len(about), len(b_customer), len(c_customer)])
    keep = (opened < ctx.now - HOUR) & (opened <= people.story_end[customer])
    keep &= (theme == ACCOUNT) | (order >= 0)
    rows = np.flatnonzero(keep)
    rows = rows[np.argsort(opened[rows], kind="stable")]
    return customer[rows], order[rows], opened[rows], theme[rows], angry[rows]


class _Tickets:
    def __init__(self, ids: np.ndarray, customer: np.ndarray, numbers: list[str],
                 opened: np.ndarray, responded: np.ndarray) -> None:
        self.ids, self.customer, self.numbers = ids, customer, numbers
        self.opened, self.responded = opened, responded


def _tickets(ctx: Context, rng: np.random.Generator, people: People,
             orders: Orders) -> _Tickets:
    customer, order, opened, theme, angry = _ticket_plan(ctx, rng, people, orders)
    n = len(customer)
    cn = people.cn[customer]
    type_pick = rng.integers(0, 2, n)
    kinds = [P.TICKET_THEMES[t][1] for t in theme.tolist()]
    ticket_type = [k[i % len(k)] for k, i in zip(kinds, type_pick.tolist(), strict=True)]
    priority = np.array([pick(rng, PRIORITY_TASTE[t], 1)[0] for t in ticket_type]) if n \
        else np.zeros(0, np.int64)
    priority[angry] = pick(rng, (0, 10, 50, 40), int(angry.sum()))
    sla = np.array([SLA_HOURS[p] for p in TICKET_PRIORITIES])[priority] * HOUR
    first = opened + (rng.lognormal(np.log(3), 1.0, n) * np.where(angry, 3, 1) * HOUR
                      ).astype(np.int64)
    resolved = opened + (sla * rng.lognormal(-0.5, 0.8, n) * np.where(angry, 2.5, 1)
                         ).astype(np.int64)
    resolved = np.maximum(resolved, first)
    first[first > ctx.now] = 0
    # About 3% of tickets get stuck. A stuck ticket opened in the last STUCK_DAYS is still
    # open; an older one was escalated and resolved late, 3 to 30 days after it was opened
    # (the draw sets how late, so the random stream, and with it every other planted effect,
    # stays the same). Without this a demo team would leave tickets open for years.
    stuck_draw = rng.random(n)
    stuck = stuck_draw < STUCK_SHARE
    late = opened + ((3 + 27 * stuck_draw / STUCK_SHARE) * DAY).astype(np.int64)
    old_stuck = stuck & (opened < ctx.now - STUCK_DAYS * DAY)
    resolved[old_stuck] = np.maximum(late[old_stuck], first[old_stuck])
    resolved[(resolved > ctx.now) | (stuck & ~old_stuck)] = 0
    status = np.where(resolved == 0, np.where(first > 0, "pending", "open"),
                      np.where((resolved < ctx.now - 7 * DAY) & (rng.random(n) < 0.8),
                               "closed", "resolved"))
    base = np.array([SATISFACTION[t] for t in ticket_type]) if n else np.zeros(0)
    breached = (resolved == 0) | (resolved > opened + sla)
    score = base - 0.8 * breached + rng.normal(0, 0.8, n)
    score[angry] = 1 + (rng.random(int(angry.sum())) < 0.4)
    satisfaction = np.clip(np.round(score), 1, 5).astype(np.int64)
    rated = (resolved > 0) & (rng.random(n) < 0.65)
    good = texts(rng, P.GOOD_FEEDBACK, cn)
    bad = texts(rng, P.BAD_FEEDBACK, cn)
    speak = rng.random(n)
    feedback = [
        (g if s >= 4 and d < 0.4 else b if s <= 2 and d < 0.6 else None) if r else None
        for g, b, s, d, r in zip(good, bad, satisfaction.tolist(), speak.tolist(),
                                 rated.tolist(), strict=True)
    ]
    product = np.where(order >= 0, orders.product[np.maximum(order, 0)], 0)
    fields = {
        "order": [orders.numbers[o] if o >= 0 else "" for o in order.tolist()],
        "product": [P.PRODUCTS[p][2 if z else 1] for p, z in
                    zip(product.tolist(), cn.tolist(), strict=True)],
        "days": rng.integers(2, 21, n).tolist(),
        "amount": [f"{t / 100:.2f}" for t in orders.total[np.maximum(order, 0)].tolist()],
        "name": [people.names[c] for c in customer.tolist()],
    }
    subjects, bodies = _theme_texts(rng, theme, cn, fields)
    ids = ctx.writer.ids("tickets", n)
    numbers = [f"T-{i:06d}" for i in ids.tolist()]
    owners = [P.OWNERS[o] for o in people.owner[customer].tolist()]
    ctx.writer.insert("tickets", n, {
        "id": ids, "number": numbers, "customer_id": people.ids[customer], "type": ticket_type,
        "category": [P.TICKET_THEMES[t][0] for t in theme.tolist()],
        "priority": [TICKET_PRIORITIES[p] for p in priority.tolist()],
        "status": status.tolist(),
        "channel": [TICKET_CHANNELS[c] for c in pick(rng, CHANNEL_WEIGHTS, n).tolist()],
        "subject": subjects, "body": bodies, "owner": owners, "opened_at": stamps(opened),
        "first_response_at": where(stamps(first), first > 0),
        "resolved_at": where(stamps(resolved), resolved > 0),
        "sla_due": stamps(opened + sla),
        "satisfaction": where(satisfaction.tolist(), rated), "feedback": feedback,
        "created_at": opened, "updated_at": np.maximum.reduce([opened, first, resolved]),
    })
    _messages(ctx, rng, ids, opened, first, resolved, bodies, fields["name"], owners, cn, angry)
    _surveys(ctx, rng, people, customer, ids, resolved, satisfaction, rated)
    return _Tickets(ids, customer, numbers, opened, first)


def _theme_texts(rng: np.random.Generator, theme: np.ndarray, cn: np.ndarray,
                 fields: dict[str, list[object]]) -> tuple[list[str], list[str]]:
    subjects: list[str] = [""] * len(theme)
    bodies: list[str] = [""] * len(theme)
    for t, (_, _, en_subject, en_body, zh_subject, zh_body) in enumerate(P.TICKET_THEMES):
        rows = np.flatnonzero(theme == t)
        if not len(rows):
            continue
        values = {k: [v[r] for r in rows.tolist()] for k, v in fields.items()}
        for r, s in zip(rows.tolist(), texts(rng, (en_subject, zh_subject), cn[rows], **values),
                        strict=True):
            subjects[r] = s
        for r, b in zip(rows.tolist(), texts(rng, (en_body, zh_body), cn[rows], **values),
                        strict=True):
            bodies[r] = b
    return subjects, bodies


def _messages(ctx: Context, rng: np.random.Generator, ids: np.ndarray, opened: np.ndarray,
              first: np.ndarray, resolved: np.ndarray, bodies: list[str], names: list[str],
              owners: list[str], cn: np.ndarray, angry: np.ndarray) -> None:
    """The customer's message, our first reply, and sometimes the customer's answer."""
    n = len(ids)
    replied = np.flatnonzero(first > 0)
    again = replied[rng.random(len(replied)) < 0.4]
    reply_text = texts(rng, P.REPLIES, cn[replied], name=[names[i] for i in replied.tolist()],
                       hours=rng.integers(2, 25, len(replied)).tolist())
    follow_pick = np.where(angry[again], 2, np.where(resolved[again] > 0, 0, 1))
    pools = P.FOLLOW_UPS
    days = rng.integers(2, 10, len(again)).tolist()
    follow_text = [pools[1 if z else 0][k].format(days=d) for z, k, d in
                   zip(cn[again].tolist(), follow_pick.tolist(), days, strict=True)]
    until = np.where(resolved[again] > 0, resolved[again], ctx.now - HOUR)
    ticket = np.concatenate([np.arange(n), replied, again])
    sent = np.concatenate([opened, first[replied], between(rng, first[again], until)])
    direction = ["in"] * n + ["out"] * len(replied) + ["in"] * len(again)
    author = names + [owners[i] for i in replied.tolist()] + [names[i] for i in again.tolist()]
    body = bodies + reply_text + follow_text
    order = np.lexsort((np.arange(len(ticket)), sent, ticket)).tolist()
    m = len(order)
    ctx.writer.insert("ticket_messages", m, {
        "id": ctx.writer.ids("ticket_messages", m), "ticket_id": ids[ticket[order]],
        "direction": [direction[i] for i in order], "author": [author[i] for i in order],
        "body": [body[i] for i in order], "sent_at": stamps(sent[order]),
        "created_at": sent[order],
    })


def _surveys(ctx: Context, rng: np.random.Generator, people: People, ticket_customer: np.ndarray,
             ticket_ids: np.ndarray, resolved: np.ndarray, satisfaction: np.ndarray,
             rated: np.ndarray) -> None:
    """NPS after some rated tickets (follows the rating) and once from a quarter of customers
    (follows the behaviour group; at-risk customers who stopped buying are detractors)."""
    after = np.flatnonzero(rated & (rng.random(len(rated)) < 0.4))
    low = np.array([0, 0, 2, 5, 7, 9])[satisfaction[after]]
    high = np.array([0, 3, 5, 7, 9, 10])[satisfaction[after]]
    a_score = low + (rng.random(len(after)) * (high - low + 1)).astype(np.int64)
    a_time = resolved[after] + (rng.random(len(after)) * 3 * DAY).astype(np.int64)
    keep = a_time < ctx.now
    after, a_score, a_time = after[keep], a_score[keep], a_time[keep]
    asked = np.flatnonzero((people.group < LEAD) & (rng.random(len(people.ids)) < 0.25))
    b_time = between(rng, people.window_start[asked], people.story_end[asked] - HOUR)
    base = NPS_BASE[people.group[asked]] - 3.0 * (b_time > people.window_end[asked])
    b_score = np.clip(np.round(base + rng.normal(0, 1.3, len(asked))), 0, 10).astype(np.int64)
    customer = np.concatenate([ticket_customer[after], asked])
    score = np.concatenate([a_score, b_score])
    time = np.concatenate([a_time, b_time])
    cn = people.cn[customer]
    good = texts(rng, P.NPS_GOOD, cn)
    bad = texts(rng, P.NPS_BAD, cn)
    talk = rng.random(len(customer)).tolist()
    comment = [g if s >= 9 and d < 0.3 else b if s <= 6 and d < 0.5 else None
               for g, b, s, d in zip(good, bad, score.tolist(), talk, strict=True)]
    m = len(customer)
    ctx.writer.insert("survey_responses", m, {
        "id": ctx.writer.ids("survey_responses", m), "customer_id": people.ids[customer],
        "ticket_id": where(np.r_[ticket_ids[after], np.zeros(len(asked), np.int64)].tolist(),
                           np.arange(m) < len(after)),
        "score": score, "responded_at": stamps(time), "comment": comment, "created_at": time,
    })


def _ration(rng: np.random.Generator, rows: np.ndarray, owner: np.ndarray, left: np.ndarray,
            plan: np.ndarray, instead: int) -> None:
    """Keep at most `left[o]` of `rows` (tasks of one plan) per owner o, chosen at random, and
    give the others the plan `instead`; `left` counts down (it is shared by all chunks)."""
    rows = rows[rng.permutation(len(rows))]
    keep = np.zeros(len(rows), bool)
    for o in range(len(left)):
        mine = np.flatnonzero(owner[rows] == o)[: int(left[o])]
        keep[mine] = True
        left[o] -= len(mine)
    plan[rows[~keep]] = instead


def _interactions(ctx: Context, rng: np.random.Generator, people: People, deals: OpenDeals,
                  tickets: _Tickets) -> None:
    """Calls, meetings, e-mails, visits, notes and tasks; follow-ups of open deals and tickets."""
    group, n = people.group, len(people.ids)
    customer = np.repeat(np.arange(n), rng.poisson(INTERACTION_RATE[group]))
    kind = pick(rng, KIND_WEIGHTS, len(customer))
    occurred = between(rng, people.created[customer], people.story_end[customer] - HOUR)
    # Follow-up tasks of open opportunities, and calls about some tickets.
    called = np.flatnonzero((tickets.responded > 0) & (rng.random(len(tickets.ids)) < 0.1))
    customer = np.concatenate([customer, deals.customer, tickets.customer[called]])
    kind = np.concatenate([kind, np.full(len(deals.ids), 5), np.zeros(len(called), np.int64)])
    occurred = np.concatenate([occurred, between(rng, deals.created, np.full(len(deals.ids),
                                                                             ctx.now - HOUR)),
                               tickets.responded[called]])
    opportunity = np.r_[np.zeros(len(customer) - len(called) - len(deals.ids), np.int64),
                        deals.ids, np.zeros(len(called), np.int64)]
    ticket = np.r_[np.zeros(len(customer) - len(called), np.int64), tickets.ids[called]]
    m = len(customer)
    # Tasks: done in the past, overdue, due today or later (only for customers still with us).
    task = kind == 5
    plan = pick(rng, (55, 15, 15, 15), m)
    plan[people.churned[customer] > 0] = 0
    owner = people.owner[customer]
    _ration(rng, np.flatnonzero(task & (plan == 1)), owner, ctx.overdue, plan, 0)
    _ration(rng, np.flatnonzero(task & (plan == 2)), owner, ctx.due_today, plan, 3)
    due = np.select(
        [plan == 0, plan == 1, plan == 2],
        [occurred + rng.integers(1, 15, m) * DAY, ctx.now - rng.integers(1, 20, m) * DAY,
         ctx.now + rng.integers(8, 18, m) * HOUR], ctx.now + rng.integers(1, 31, m) * DAY)
    due = np.where(plan == 0, np.minimum(due, ctx.now - HOUR), due)
    occurred = np.where(task & (plan > 0), np.minimum(
        occurred, due - rng.integers(1, 10, m) * DAY), occurred)
    occurred = np.maximum(occurred, people.created[customer])
    due = np.maximum(due, occurred)
    done = task & (plan == 0)
    # In time order: the occurred_at index then grows by one sweep per chunk.
    order = np.argsort(occurred, kind="stable")
    customer, kind, occurred, due, task, done = (
        customer[order], kind[order], occurred[order], due[order], task[order], done[order])
    opportunity, ticket = opportunity[order], ticket[order]
    product = products(rng, group[customer])
    cn = people.cn[customer]
    kinds = [INTERACTION_KINDS[k] for k in kind.tolist()]
    product_names = [P.PRODUCTS[p][2 if z else 1] for p, z in
                     zip(product.tolist(), cn.tolist(), strict=True)]
    subject = [""] * m
    for k, name in enumerate(INTERACTION_KINDS):
        rows = np.flatnonzero(kind == k)
        made = texts(rng, P.INTERACTION_SUBJECTS[name], cn[rows],
                     product=[product_names[r] for r in rows.tolist()])
        for r, s in zip(rows.tolist(), made, strict=True):
            subject[r] = s
    numbers = dict(zip(tickets.ids.tolist(), tickets.numbers, strict=True))
    for r in np.flatnonzero(ticket > 0).tolist():
        number = numbers[int(ticket[r])]
        subject[r] = f"电话沟通工单{number}" if cn[r] else f"Called about ticket {number}"
    talked = np.isin(kind, (0, 1, 3)) & (rng.random(m) < 0.5)
    outcome = where(texts(rng, P.OUTCOMES, cn), talked)
    ctx.writer.insert("interactions", m, {
        "id": ctx.writer.ids("interactions", m), "customer_id": people.ids[customer],
        "opportunity_id": where(opportunity.tolist(), opportunity > 0),
        "ticket_id": where(ticket.tolist(), ticket > 0), "kind": kinds, "subject": subject,
        "outcome": outcome, "occurred_at": stamps(occurred),
        "due_at": where(stamps(due), task), "done": done.astype(np.int64),
        "owner": [P.OWNERS[o] for o in people.owner[customer].tolist()],
        "created_at": occurred,
    })
