"""Demo customers (persons and companies) with their e-mails and phones.

Each customer gets a hidden behaviour group (`pools.GROUPS`) that drives everything else the
generator writes about them; `category` names it for ~70% of the paying customers only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crm_desktop.storage.demo import phones as demo_phones
from crm_desktop.storage.demo import pools as P
from crm_desktop.storage.demo.columns import DAY, HOUR, Context, between, dates, pick, stamps, where

CHAMPION, BIG_TICKET, BARGAIN, ONE_TIME, AT_RISK, LEAD, PROSPECT = range(7)
# Shares of the groups. A small business keeps most of its buyers: few buy once and never
# again, few drift away (at risk), so about 10-20% of the customers who had bought by some day
# buy nothing in the next 180 days (what the churn model calls churned); many are leads and
# prospects who have not bought yet.
PERSON_GROUPS = (0.11, 0.10, 0.20, 0.03, 0.04, 0.28, 0.24)
COMPANY_GROUPS = (0.22, 0.30, 0.11, 0.02, 0.04, 0.17, 0.14)
# Youngest possible customer of each group, in days (a champion has some history).
MIN_AGE_DAYS = np.array([120, 240, 90, 14, 260, 0, 7])
CITIES = (
    tuple((c, r, k, z, "86", P.CN_MOBILE_PREFIXES) for c, r, k, z in P.CN_CITIES) + P.EN_CITIES
)
N_CN_CITIES = len(P.CN_CITIES)


@dataclass
class People:
    """The customers of one chunk, as columns (position i = one customer)."""

    ids: np.ndarray
    group: np.ndarray
    cn: np.ndarray
    company: np.ndarray  # kind == 'company'
    city: np.ndarray  # index into CITIES
    created: np.ndarray
    window_start: np.ndarray  # purchases happen between window_start and window_end
    window_end: np.ndarray
    churned: np.ndarray  # churned_at, 0 when not churned
    story_end: np.ndarray  # churned_at, or now
    owner: np.ndarray  # index into OWNERS
    names: list[str]
    employer: np.ndarray  # position of the person's company, -1 for none
    lead_source: np.ndarray  # index into LEAD_SOURCES


def add_people(ctx: Context, rng: np.random.Generator, n: int) -> People:
    """Generate and insert `n` customers and their contact points."""
    w = ctx.writer
    ids = w.ids("customers", n)
    company = rng.random(n) < 0.10
    cn = rng.random(n) < 0.5
    group = np.where(company, pick(rng, COMPANY_GROUPS, n), pick(rng, PERSON_GROUPS, n))
    city = np.where(cn, pick(rng, P.CN_CITY_WEIGHTS, n),
                    N_CN_CITIES + pick(rng, P.EN_CITY_WEIGHTS, n))

    # Persons working for a company of their language, in its city. Few big, many small ones.
    employer = np.full(n, -1, np.int64)
    if company.any():
        size = np.minimum(rng.pareto(1.5, n) + 0.2, 20)  # by position; used for companies
        for lang in (True, False):
            firms = np.flatnonzero(company & (cn == lang))
            staff = np.flatnonzero(~company & (cn == lang) & (rng.random(n) < 0.25))
            if len(firms) and len(staff):
                employer[staff] = firms[pick(rng, size[firms], len(staff))]
    employed = employer >= 0
    city[employed] = city[employer[employed]]

    # Planted duplicates: a later lead with the name, e-mail and phone of an earlier person.
    loose = np.flatnonzero(~company & ~employed)
    dup = loose[(loose >= n // 2) & (rng.random(len(loose)) < 0.02)]
    early = loose[loose < n // 2]
    original = np.full(n, -1, np.int64)
    if len(early) and len(dup):
        original[dup] = early[rng.integers(0, len(early), len(dup))]
    is_dup = original >= 0
    cn[is_dup], city[is_dup] = cn[original[is_dup]], city[original[is_dup]]
    group[is_dup] = LEAD

    # Timeline: created, the window in which they buy, and churn.
    age = MIN_AGE_DAYS[group] * DAY
    created = ctx.now - age - (rng.random(n) * (ctx.now - ctx.start - age)).astype(np.int64)
    recent = group == LEAD
    created[recent] = ctx.now - (rng.random(recent.sum()) ** 2 * 400 * DAY).astype(np.int64)
    created[is_dup] = np.minimum(created[original[is_dup]] + rng.integers(30, 400, is_dup.sum())
                                 * DAY, ctx.now - DAY)
    window_start = np.minimum(created + (rng.random(n) * 20 * DAY).astype(np.int64),
                              np.maximum(created, ctx.now - HOUR))
    window_end = np.full(n, ctx.now, np.int64)
    churned = np.zeros(n, np.int64)
    at_risk = np.flatnonzero(group == AT_RISK)
    gone = at_risk[rng.random(len(at_risk)) < 0.85]
    stay = np.setdiff1d(at_risk, gone)
    churned[gone] = between(rng, created[gone] + 200 * DAY, np.full(len(gone), ctx.now - 5 * DAY))
    window_end[gone] = churned[gone] - rng.integers(75, 180, len(gone)) * DAY
    window_end[stay] = ctx.now - rng.integers(75, 150, len(stay)) * DAY
    status = np.array(["customer"] * 5 + ["lead", "prospect"], dtype=object)[group]
    status[gone] = "churned"
    owner = np.where(cn, pick(rng, P.CN_OWNER_WEIGHTS, n), pick(rng, P.EN_OWNER_WEIGHTS, n))
    story_end = np.where(churned > 0, churned, ctx.now)
    people = People(ids, group, cn, company, city, created, window_start, window_end, churned,
                    story_end, owner, [], employer, np.zeros(0, np.int64))

    names = _Names(rng, n, cn, company, city, ids)
    for position in np.flatnonzero(is_dup).tolist():
        names.copy(position, int(original[position]))
    people.names, people.lead_source = names.full, names.lead_source
    _insert_customers(ctx, rng, people, names, city, employer, status, is_dup)
    _insert_contacts(ctx, rng, people, names, employer, original)
    return people


class _Names:
    """Names, e-mail local parts and domains of a chunk (Python lists: they are strings)."""

    def __init__(self, rng: np.random.Generator, n: int, cn: np.ndarray, company: np.ndarray,
                 city: np.ndarray, ids: np.ndarray) -> None:
        sur = pick(rng, 1 / np.arange(1, len(P.CN_SURNAMES) + 1) ** 0.9, n).tolist()
        one = rng.integers(0, len(P.CN_GIVEN_ONE), n).tolist()
        two = rng.integers(0, len(P.CN_GIVEN_TWO), n).tolist()
        single = (rng.random(n) < 0.45).tolist()
        first = rng.integers(0, len(P.EN_FIRST), n).tolist()
        last = rng.integers(0, len(P.EN_LAST), n).tolist()
        word = rng.integers(0, len(P.CN_COMPANY_WORDS), n).tolist()
        industry = rng.integers(0, len(P.INDUSTRIES), n)
        suffix = rng.integers(0, len(P.EN_COMPANY_SUFFIXES), n).tolist()
        self.industry = industry
        self.lead_source = pick(rng, P.LEAD_SOURCE_WEIGHTS, n)
        self.full: list[str] = []
        self.local: list[str] = []  # "given.family" in Latin letters
        self.domain: list[str | None] = []  # company web domain (companies only)
        for i, (c, comp) in enumerate(zip(cn.tolist(), company.tolist(), strict=True)):
            ind = P.INDUSTRIES[industry[i]]
            if comp and c:
                w, w_py = P.CN_COMPANY_WORDS[word[i]]
                self.full.append(f"{CITIES[city[i]][0]}{w}{ind[1]}有限公司")
                self.local.append("")
                self.domain.append(f"{w_py}-{ind[2].lower()}.cn")
            elif comp:
                w = P.EN_COMPANY_WORDS[word[i]]
                self.full.append(f"{w} {ind[2]} {P.EN_COMPANY_SUFFIXES[suffix[i]]}")
                self.local.append("")
                self.domain.append(f"{w.lower()}{ind[2].lower()}.com")
            elif c:
                s, s_py = P.CN_SURNAMES[sur[i]]
                g, g_py = P.CN_GIVEN_ONE[one[i]] if single[i] else P.CN_GIVEN_TWO[two[i]]
                self.full.append(s + g)
                self.local.append(f"{g_py}.{s_py}")
                self.domain.append(None)
            else:
                f, s = P.EN_FIRST[first[i]], P.EN_LAST[last[i]]
                self.full.append(f"{f} {s}")
                self.local.append(f"{f.lower()}.{s.lower()}")
                self.domain.append(None)

    def copy(self, position: int, original: int) -> None:
        self.full[position] = self.full[original]
        self.local[position] = self.local[original]


def _insert_customers(ctx: Context, rng: np.random.Generator, people: People, names: _Names,
                      city: np.ndarray, employer: np.ndarray, status: np.ndarray,
                      is_dup: np.ndarray) -> None:
    n, cn, group, company = len(people.ids), people.cn, people.group, people.company
    employed = employer >= 0
    cities = [CITIES[c] for c in city.tolist()]
    heads = np.zeros(n, bool)
    if employed.any():
        firm_of = employer[employed]
        _, first = np.unique(firm_of, return_index=True)
        heads[np.flatnonzero(employed)[first]] = True
    role = rng.integers(0, len(P.COMPANY_ROLES), n).tolist()
    roles = [
        (P.HEAD_ROLE if h else P.COMPANY_ROLES[r]) if e else None
        for e, h, r in zip(employed.tolist(), heads.tolist(), role, strict=True)
    ]
    lang = [1 if c else 0 for c in cn.tolist()]
    industry = np.where(employed, names.industry[np.maximum(employer, 0)], names.industry)
    paying = group < LEAD
    rating_low = np.array([4, 3, 2, 1, 1, 0, 0])[group]
    rating_high = np.array([5, 5, 4, 3, 3, 2, 2])[group]
    rating = rating_low + (rng.random(n) * (rating_high - rating_low + 1)).astype(np.int64)
    tag_sets = P.GROUP_TAGS
    tag_draws = rng.random((n, 3)) < 0.35
    tags = []
    for g, draw in zip(group.tolist(), tag_draws.tolist(), strict=True):
        chosen = sorted(t for t, d in zip(tag_sets[g], draw, strict=False) if d)
        tags.append(", ".join(chosen) or None)
    needs_pool = [(P.NEEDS[g][1] if c else P.NEEDS[g][0]) for g, c in
                  zip(group.tolist(), cn.tolist(), strict=True)]
    need_pick = rng.integers(0, 3, n).tolist()
    needs = where([pool[k] for pool, k in zip(needs_pool, need_pick, strict=True)],
                  rng.random(n) < 0.6)
    notes_pick = rng.integers(0, len(P.NOTES[0]), n).tolist()
    notes = where([P.NOTES[c][k] for c, k in zip(lang, notes_pick, strict=True)],
                  rng.random(n) < 0.25)
    house = rng.integers(1, 300, n).tolist()
    street_pick = rng.integers(0, 10, n).tolist()
    streets = [
        f"{P.CN_ROADS[s % len(P.CN_ROADS)]}{h}号" if c else f"{h} {P.EN_STREETS[s]}"
        for c, h, s in zip(lang, house, street_pick, strict=True)
    ]
    has_address = rng.random(n) < 0.6
    birthday = people.created - ((22 + rng.random(n) * 43) * 365.25 * DAY).astype(np.int64)
    touch = np.where(group == CHAMPION, 30, np.where(company, 60, 0))
    touch_keep = (touch > 0) & (rng.random(n) < 0.6)
    # Companies go in first: their employees refer to them.
    order = np.concatenate([np.flatnonzero(company), np.flatnonzero(~company)])
    ctx.writer.insert("customers", n, order=order, columns={
        "id": people.ids,
        "kind": ["company" if c else "person" for c in company.tolist()],
        "name": names.full,
        "company_id": where(people.ids[np.maximum(employer, 0)].tolist(), employed),
        "company_role": [r[lang[i]] if r else None for i, r in enumerate(roles)],
        "job_title": [r[lang[i]] if r else None for i, r in enumerate(roles)],
        "department": [r[2 + lang[i]] if r else None for i, r in enumerate(roles)],
        "birthday": where(dates(birthday), ~company & (rng.random(n) < 0.35)),
        "website": [f"https://www.{d}" if d else None for d in names.domain],
        "street": where(streets, has_address),
        "city": [c[0] for c in cities],
        "region": [c[1] for c in cities],
        "postal_code": where([c[3] for c in cities], has_address),
        "country": [c[2] for c in cities],
        "industry": where([P.INDUSTRIES[i][0] for i in industry.tolist()], company | employed),
        "lead_source": [P.LEAD_SOURCES[s] for s in names.lead_source.tolist()],
        "status": status.tolist(),
        "rating": where(rating.tolist(), rng.random(n) < 0.75),
        "owner": [P.OWNERS[o] for o in people.owner.tolist()],
        "category": where([P.GROUP_CATEGORIES[min(g, 4)] for g in group.tolist()],
                          paying & (rng.random(n) < 0.7) & ~is_dup),
        "tags": tags,
        "needs": needs,
        "notes": notes,
        "touch_every_days": where(touch.tolist(), touch_keep),
        "churned_at": where(stamps(people.churned), people.churned > 0),
        "created_at": people.created,
        "updated_at": between(rng, people.created, people.story_end),
    })


def _insert_contacts(ctx: Context, rng: np.random.Generator, people: People, names: _Names,
                     employer: np.ndarray, original: np.ndarray) -> None:
    n, ids, cn = len(people.ids), people.ids.tolist(), people.cn.tolist()
    domains = names.domain
    mail = rng.integers(0, 1 << 30, n).tolist()
    caps = (rng.random(n) < 0.15).tolist()
    emails = []
    for i in range(n):
        if domains[i]:  # a company
            emails.append(f"sales{ids[i]}@{domains[i]}")
            continue
        local, host = names.local[i], None
        if employer[i] >= 0:
            host = domains[employer[i]]
        elif cn[i] and mail[i] % 3 == 2:
            emails.append(f"{100_000_000 + ids[i] * 7919 % 900_000_000}@qq.com")
            continue
        else:
            hosts = P.CN_MAIL_DOMAINS if cn[i] else P.EN_MAIL_DOMAINS
            host = hosts[mail[i] % len(hosts)]
            if mail[i] % 3 == 1:
                given, family = local.split(".")
                local = family + given if cn[i] else given[0] + family
        if caps[i]:
            local = ".".join(part.capitalize() for part in local.split("."))
        emails.append(f"{local}{ids[i]}@{host}")
    phones = demo_phones.phones(rng, people.city, CITIES)
    dup = np.flatnonzero(original >= 0)
    has_email = rng.random(n) < np.where(people.company, 0.95, 0.92)
    has_phone = rng.random(n) < np.where(people.company, 0.95, 0.78)
    for position, source in zip(dup.tolist(), original[dup].tolist(), strict=True):
        emails[position] = emails[source].upper() if rng.random() < 0.5 else emails[source]
        phones[position] = phones[source]
        has_email[[position, source]] = True
        has_phone[[position, source]] = True
    second_email = ~people.company & (rng.random(n) < 0.08)
    second_phone = ~people.company & (rng.random(n) < 0.05)
    home = [f"{names.local[i].replace('.', '')}{ids[i]}@"
            f"{(P.CN_MAIL_DOMAINS if cn[i] else P.EN_MAIL_DOMAINS)[(mail[i] >> 3) % 6]}"
            for i in range(n)]
    work_phones = demo_phones.phones(rng, people.city, CITIES)
    parts = [
        (has_email, "email", np.where((employer >= 0) | people.company, "work", "home"), emails,
         True),
        (has_phone, "phone", np.where(people.company, "work", "mobile"), phones, True),
        (second_email, "email", np.full(n, "other"), home, False),
        (second_phone, "phone", np.full(n, "work"), work_phones, False),
    ]
    owner, kind, label, value, primary = [], [], [], [], []
    for mask, k, labels, values, is_primary in parts:
        rows = np.flatnonzero(mask)
        owner.append(rows)
        kind += [k] * len(rows)
        label += labels[rows].tolist()
        value += [values[r] for r in rows.tolist()]
        primary += [1 if is_primary else 0] * len(rows)
    who = np.concatenate(owner)
    order = np.argsort(who, kind="stable")
    who = who[order]
    kind = [kind[i] for i in order.tolist()]
    value = [value[i] for i in order.tolist()]
    normalized = [v.lower() if k == "email" else v[1:] for k, v in zip(kind, value, strict=True)]
    m = len(who)
    ctx.writer.insert("contact_points", m, {
        "id": ctx.writer.ids("contact_points", m),
        "customer_id": people.ids[who],
        "kind": kind,
        "label": [label[i] for i in order.tolist()],
        "value": value,
        "normalized": normalized,
        "is_primary": [primary[i] for i in order.tolist()],
        "created_at": people.created[who],
    })

