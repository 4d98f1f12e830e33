"""The demo relationship network: colleagues and managers inside companies, communities of
customers of one city, referrals, a few well-connected hubs and some weak ties across them."""

from __future__ import annotations

import numpy as np

from crm_desktop.models import RELATIONSHIP_KINDS
from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.columns import Context, between, dates, pick
from crm_desktop.storage.demo.people import BIG_TICKET, People

# Strength range of each kind of RELATIONSHIP_KINDS (family ties are strong, chance
# acquaintances weak).
STRENGTH = np.array([(0.4, 0.9), (0.3, 0.8), (0.7, 1.0), (0.5, 1.0), (0.6, 0.9), (0.3, 0.9),
                     (0.05, 0.4)])
COLLEAGUE, REFERRAL, FAMILY, PARTNER, REPORTS_TO, FRIEND, OTHER = range(7)
COMMUNITY_SIZE = 40


def add_relationships(ctx: Context, rng: np.random.Generator, people: People) -> None:
    """Colleagues inside companies, city communities, referrals, a few hubs and weak ties."""
    n, employer = len(people.ids), people.employer
    if n < 2:
        ctx.writer.counts.setdefault("relationships", 0)
        return
    edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(source: np.ndarray, target: np.ndarray, kind: np.ndarray | int) -> None:
        edges.append((source, target, np.broadcast_to(np.asarray(kind), source.shape)))

    staff = np.flatnonzero(employer >= 0)
    if len(staff):
        staff = staff[np.lexsort((staff, employer[staff]))]  # by company, then position
        firm = employer[staff]
        first = np.r_[True, firm[1:] != firm[:-1]]
        head = staff[np.maximum.accumulate(np.where(first, np.arange(len(staff)), 0))]
        add(staff[~first], head[~first], REPORTS_TO)
        chain = np.flatnonzero((firm[1:] == firm[:-1]) & ~first[:-1])
        chain = chain[rng.random(len(chain)) < 0.3]
        add(staff[chain], staff[chain + 1], COLLEAGUE)

    # Communities: blocks of customers of one city.
    by_city = np.lexsort((rng.random(n), people.city))
    rank = np.empty(n, np.int64)
    rank[by_city] = np.arange(n)
    block = rank // COMMUNITY_SIZE * COMMUNITY_SIZE
    block_size = np.minimum(COMMUNITY_SIZE, n - block)

    def neighbour(members: np.ndarray) -> np.ndarray:
        found: np.ndarray = by_city[block[members] + (rng.random(len(members))
                                                      * block_size[members]).astype(np.int64)]
        return found

    social = np.flatnonzero(rng.random(n) < 0.12)
    kind = pick(rng, (0, 0, 15, 15, 0, 40, 30), len(social))
    other = neighbour(social)
    kind[people.company[social] & people.company[other]] = PARTNER
    add(social, other, kind)
    referred = np.flatnonzero(people.lead_source == P.REFERRAL_SOURCE)
    add(neighbour(referred), referred, REFERRAL)

    # Hubs: well-connected customers that link many others across communities.
    candidates = np.flatnonzero(people.group <= BIG_TICKET)
    if len(candidates):
        hubs = rng.choice(candidates, min(len(candidates), max(1, n // 5000)), replace=False)
        degree = np.minimum(rng.integers(30, 121, len(hubs)), n - 1)
        source = np.repeat(hubs, degree)
        add(source, rng.integers(0, n, len(source)), pick(rng, (0, 30, 0, 30, 0, 20, 20),
                                                          len(source)))
    weak = rng.integers(0, n, (max(1, n // 50), 2))
    add(weak[:, 0], weak[:, 1], OTHER)

    source = np.concatenate([e[0] for e in edges])
    target = np.concatenate([e[1] for e in edges])
    kinds = np.concatenate([e[2] for e in edges])
    key = np.minimum(source, target) * n + np.maximum(source, target)
    _, keep = np.unique(key, return_index=True)
    keep = np.sort(keep[source[keep] != target[keep]])
    source, target, kinds = source[keep], target[keep], kinds[keep]
    m = len(source)
    low, high = STRENGTH[kinds, 0], STRENGTH[kinds, 1]
    strength = np.round(low + rng.random(m) * (high - low), 2)
    met = np.maximum(people.created[source], people.created[target])
    since = between(rng, met, np.full(m, ctx.now))
    ctx.writer.insert("relationships", m, {
        "id": ctx.writer.ids("relationships", m),
        "source_id": people.ids[source],
        "target_id": people.ids[target],
        "kind": [RELATIONSHIP_KINDS[k] for k in kinds.tolist()],
        "strength": strength,
        "since": dates(since),
        "created_at": since,
    })
