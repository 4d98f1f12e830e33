"""Demo segments, campaigns and campaign members.

Who responds depends on the behaviour group (`RESPONSE`): the dependency a chi-square test of
response against category is meant to find. Conversions become orders (see demo.sales).

Every third campaign that ran keeps a random `HOLDOUT_SHARE` of its members out of the
sending (campaign_members.holdout): they are not sent to, and only `ORGANIC` of those who
would have responded do so anyway, so the campaign's response lift over its holdout is real,
about (1 - ORGANIC) x the response rate. Purchases are the same in both groups (a holdout
member's purchase is organic: converted without having responded), so there is no planted
conversion lift: an example of a campaign that got answers but no extra sales. The holdout
draws come from a random stream of their own (spawned from the seed) and every other draw is
made as before, so the rest of the demo is exactly what it was without holdouts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from crm_desktop.models import CAMPAIGN_CHANNELS
from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.columns import DAY, HOUR, Context, between, dates, pick, stamps, where
from crm_desktop.storage.demo.people import AT_RISK, People

# Per behaviour group (champion, big ticket, bargain, one-time, at risk, lead, prospect):
RESPONSE = np.array([0.25, 0.12, 0.40, 0.06, 0.05, 0.10, 0.15])
CONVERSION = np.array([0.5, 0.3, 0.45, 0.0, 0.15, 0.0, 0.0])
CHANNEL_LIFT = {"email": 1.0, "sms": 0.8, "phone": 1.3, "social": 1.1, "event": 1.5,
                "web": 0.9, "print": 0.5, "other": 1.0}
CHANNEL_WEIGHTS = (35, 15, 10, 15, 10, 10, 3, 2)
MAX_CAMPAIGNS = 60
MAX_MEMBERS = 25_000
HOLDOUT_EVERY = 3
HOLDOUT_SHARE = 0.3
ORGANIC = 0.2


def add_segments(ctx: Context) -> None:
    """One saved filter per visible category (campaigns target some of them)."""
    n = len(P.GROUP_CATEGORIES)
    ids = ctx.writer.ids("segments", n)
    ctx.writer.insert("segments", n, {
        "id": ids,
        "name": [f"{c} customers" for c in P.GROUP_CATEGORIES],
        "entity": "customers", "kind": "filter",
        "rules": [json.dumps({"filters": [["category", "eq", c]], "text": ""})
                  for c in P.GROUP_CATEGORIES],
        "description": [f"Customers in the {c!r} category" for c in P.GROUP_CATEGORIES],
        "created_at": np.full(n, ctx.start),
    })
    ctx.segment_ids = ids.tolist()


def add_campaigns(ctx: Context, rng: np.random.Generator) -> None:
    """About 10 campaigns per 1,000 customers (3 to 60) spread over three years."""
    n = int(min(MAX_CAMPAIGNS, max(3, round(ctx.customers * 10 / 1000))))
    start = np.sort(between(rng, np.full(n, ctx.start + 60 * DAY), np.full(n, ctx.now + 30 * DAY)))
    start -= start % DAY
    end = start + rng.integers(14, 46, n) * DAY
    status = np.where(start > ctx.now, "planned", np.where(end >= ctx.now, "active", "completed"))
    status = np.where((status == "completed") & (rng.random(n) < 0.06), "cancelled", status)
    channel = [CAMPAIGN_CHANNELS[c] for c in pick(rng, CHANNEL_WEIGHTS, n).tolist()]
    names: list[str] = []
    seen: dict[str, int] = {}
    for day, k, seasonal in zip(dates(start), rng.integers(0, len(P.CAMPAIGN_NAMES), n).tolist(),
                                (rng.random(n) < 0.6).tolist(), strict=True):
        month = int(day[5:7])
        title = P.SEASONAL_CAMPAIGNS[month - 1] if seasonal else P.CAMPAIGN_NAMES[k]
        name = f"{title} {day[:4]}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    budget = rng.integers(20, 500, n) * 10_000
    spent = np.select([status == "completed", status == "active", status == "cancelled"],
                      [budget * (0.7 + 0.4 * rng.random(n)), budget * (0.2 + 0.4 * rng.random(n)),
                       budget * 0.1 * rng.random(n)], 0).astype(np.int64)
    segment = np.array(ctx.segment_ids)[rng.integers(0, len(ctx.segment_ids), n)]
    targeted = rng.random(n) < 0.5
    ids = ctx.writer.ids("campaigns", n)
    ctx.writer.insert("campaigns", n, {
        "id": ids, "name": names, "channel": channel, "status": status.tolist(),
        "budget": budget, "actual_cost": spent,
        "expected_revenue": (budget * (2 + 4 * rng.random(n))).astype(np.int64) // 100 * 100,
        "currency": "USD", "start_date": dates(start), "end_date": dates(end),
        "target_segment_id": where(segment.tolist(), targeted),
        "description": [f"{c.capitalize()} campaign" for c in channel],
        "created_at": start - rng.integers(10, 40, n) * DAY,
    })
    ctx.campaign_ids = ids
    ctx.campaign_start, ctx.campaign_end = start, end
    ctx.campaign_status, ctx.campaign_channel = status.tolist(), channel
    # About 0.6 campaigns per customer in all, however many campaigns there are.
    ctx.campaign_reach = np.minimum((0.5 + rng.random(n)) / n,
                                    MAX_MEMBERS / max(ctx.customers, 1))


@dataclass
class Members:
    customer: np.ndarray  # position in People
    campaign: np.ndarray  # campaign number (index into ctx.campaign_ids)
    targeted: np.ndarray
    sent: np.ndarray  # 0 = not sent
    responded: np.ndarray
    converted_at: np.ndarray
    holdout: np.ndarray  # bool: in the campaign's control group (never sent to)
    drawn_responded: np.ndarray  # responded before the holdout was taken out (for the texts)

    def insert(self, ctx: Context, rng: np.random.Generator, people: People) -> None:
        m = len(self.customer)
        response = np.full(m, None, dtype=object)
        response[self.converted_at > 0] = "purchased"
        # as many texts drawn as before holdouts existed: the random stream stays the same
        answered = (self.drawn_responded > 0) & (self.converted_at == 0)
        response[answered] = np.array(P.CAMPAIGN_RESPONSES, dtype=object)[
            rng.integers(0, len(P.CAMPAIGN_RESPONSES), answered.sum())]
        response[self.holdout & (self.responded == 0)] = None
        response[(self.sent > 0) & (self.responded == 0) & (rng.random(m) < 0.03)] = \
            "unsubscribed"
        last = np.maximum.reduce([self.targeted, self.sent, self.responded, self.converted_at])
        ctx.writer.insert("campaign_members", m, {
            "id": ctx.writer.ids("campaign_members", m),
            "campaign_id": ctx.campaign_ids[self.campaign], "customer_id": people.ids[self.customer],
            "targeted_at": stamps(self.targeted),
            "sent_at": where(stamps(self.sent), self.sent > 0),
            "responded_at": where(stamps(self.responded), self.responded > 0),
            "converted_at": where(stamps(self.converted_at), self.converted_at > 0),
            "response": response.tolist(), "holdout": self.holdout.astype(int).tolist(),
            "created_at": self.targeted, "updated_at": last,
        })


def campaign_members(ctx: Context, rng: np.random.Generator, people: People) -> Members:
    n = len(people.ids)
    customer, campaign = [], []
    for c, start in enumerate(ctx.campaign_start.tolist()):
        live = (people.created < start - 8 * DAY) & ((people.churned == 0) | (people.churned > start))
        chosen = np.flatnonzero(live & (rng.random(n) < ctx.campaign_reach[c]))
        customer.append(chosen)
        campaign.append(np.full(len(chosen), c))
    who = np.concatenate(customer) if customer else np.zeros(0, np.int64)
    which = np.concatenate(campaign) if campaign else np.zeros(0, np.int64)
    m = len(who)
    begins = ctx.campaign_start[which]
    targeted = np.minimum(begins - rng.integers(1, 8, m) * DAY + rng.integers(8, 18, m) * HOUR,
                          ctx.now - HOUR)
    status = np.array(ctx.campaign_status, dtype=object)[which]
    sent = between(rng, begins, np.minimum(begins + 2 * DAY, ctx.now - HOUR))
    sent[(status == "planned") | (status == "cancelled")] = 0
    group = people.group[who]
    lift = np.array([CHANNEL_LIFT[c] for c in ctx.campaign_channel])[which]
    chance = RESPONSE[group] * lift
    chance[(group == AT_RISK) & (sent > people.window_end[who])] *= 0.3
    responded = sent + (rng.random(m) * 10 * DAY).astype(np.int64)
    responded[(sent == 0) | (rng.random(m) >= chance) | (responded > ctx.now)] = 0
    converted = responded + (rng.random(m) * 5 * DAY).astype(np.int64)
    converted[(responded == 0) | (rng.random(m) >= CONVERSION[group]) | (converted > ctx.now)
              | (converted < people.window_start[who]) | (converted > people.window_end[who])] = 0
    stream = _stream(rng)
    holdout = _measured(ctx)[which] & (stream.random(m) < HOLDOUT_SHARE)
    drawn = responded.copy()
    sent[holdout] = 0
    responded[holdout & (stream.random(m) >= ORGANIC)] = 0
    return Members(who, which, targeted, sent, responded, converted, holdout, drawn)


def _stream(rng: np.random.Generator) -> np.random.Generator:
    """A generator of its own for the holdouts, spawned from the seed: the main stream (and so
    every other demo table) draws exactly what it drew before holdouts existed."""
    seed = getattr(rng.bit_generator, "seed_seq", None)
    spawned = seed.spawn(1)[0] if isinstance(seed, np.random.SeedSequence) else 14
    return np.random.default_rng(spawned)


def _measured(ctx: Context) -> np.ndarray:
    """The campaigns with a holdout: every HOLDOUT_EVERY-th one that ran."""
    ran = np.isin(np.array(ctx.campaign_status, dtype=object), ["completed", "active"])
    return np.asarray(ran & (np.arange(len(ctx.campaign_status)) % HOLDOUT_EVERY == 0))
