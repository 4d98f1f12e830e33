"""What the relationship graph keeps in the database: the layout cache and the network metrics.

* Layout cache (table ``graph_layout``): positions of one drawn graph under a ``layout_key`` (a
  digest of the view options, the nodes and the weighted edge list), so reopening the graph page
  does not lay it out again. Saving replaces the rows of that key and keeps the newest
  ``KEEP_LAYOUTS`` keys only.
* Network metrics (table ``analytics_results``, kind ``'influence'``): value = influence score,
  label = ``"community {c}"`` (None for customers without relationships), details = degree,
  betweenness, eigenvector, pagerank, community, rank (1 = most influential, None when
  unconnected) and ``of`` (how many were ranked). ``model_version`` is ``network-1:<digest>``
  with the digest of the edges the metrics were computed from, so a reader can tell whether they
  are still current (:func:`metrics_version`). These are the metrics of the **recorded**
  relationships: the customer detail, the dashboard and the queries below read them.
* Metrics of the graph with inferred links (same company, same campaign response): the same rows
  under kind ``'influence_inferred'`` (``INFERRED_KIND``; ``network_kind(infer=True)``), kept
  apart so that looking at inferred links never replaces the recorded-links metrics. The
  ``kind`` argument of the save/load/version functions chooses which.

Both are derived data, written in bulk (one statement per table) and not audited. Relationship
editing (audited, through the ORM) is in :mod:`crm_desktop.storage.relationships`;
:func:`pair_links` reads the relationships of one pair for the graph page's drawing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from crm_desktop.models import AnalyticsResult, GraphLayout, Relationship, utcnow

NETWORK_KIND = "influence"
INFERRED_KIND = "influence_inferred"  # metrics of the graph with inferred links
NETWORK_MODEL = "network-1"
KEEP_LAYOUTS = 8  # layout keys kept in the cache (ego views and filters each make one)


# --------------------------------------------------------------------------- keys


def edges_digest(edges: pd.DataFrame, nodes: Iterable[Any] | None = None) -> str:
    """SHA-256 of the undirected weighted edge list (order and direction do not matter)."""
    digest = hashlib.sha256()
    if len(edges):
        a = pd.to_numeric(edges["source"]).to_numpy(np.int64)
        b = pd.to_numeric(edges["target"]).to_numpy(np.int64)
        col = "weight" if "weight" in edges else "strength" if "strength" in edges else None
        weight = (
            pd.to_numeric(edges[col], errors="coerce").fillna(1.0).to_numpy(float)
            if col
            else np.ones(len(a))
        )
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        milli = np.round(weight * 1000).astype(np.int64)
        order = np.lexsort((milli, hi, lo))
        digest.update(np.column_stack([lo, hi, milli])[order].tobytes())
    if nodes is not None:
        digest.update(b"|nodes|")
        digest.update(np.sort(np.asarray(list(nodes), np.int64)).tobytes())
    return digest.hexdigest()


def layout_key(
    edges: pd.DataFrame,
    nodes: Iterable[Any] | None = None,
    filters: Mapping[str, Any] | None = None,
) -> str:
    """Cache key of a layout: the view options (``filters``) plus the edges and nodes digest."""
    options = json.dumps(dict(filters or {}), sort_keys=True, default=str)
    return hashlib.sha256(f"{options}|{edges_digest(edges, nodes)}".encode()).hexdigest()


# --------------------------------------------------------------------------- layout cache


def load_layout(session: Session, key: str) -> pd.DataFrame | None:
    """Cached positions DataFrame(node, x, y) of ``key``, or None when nothing is cached."""
    rows = session.execute(
        select(GraphLayout.customer_id, GraphLayout.x, GraphLayout.y).where(
            GraphLayout.layout_key == key
        )
    ).all()
    if not rows:
        return None
    return pd.DataFrame(rows, columns=["node", "x", "y"])


def save_layout(session: Session, key: str, positions: pd.DataFrame) -> int:
    """Replace the cached rows of ``key`` with ``positions`` (node, x, y); returns rows written.

    Positions of nodes that are not customers (or were purged) are skipped; only the newest
    ``KEEP_LAYOUTS`` keys stay in the cache.
    """
    session.execute(delete(GraphLayout).where(GraphLayout.layout_key == key))
    known = set(session.scalars(text("SELECT id FROM customers")))
    now = utcnow()
    rows = [
        {"layout_key": key, "customer_id": int(n), "x": float(x), "y": float(y),
         "computed_at": now}
        for n, x, y in zip(positions["node"], positions["x"], positions["y"], strict=True)
        if int(n) in known
    ]
    if rows:
        session.execute(sqlite_insert(GraphLayout), rows)
    newest = (
        select(GraphLayout.layout_key)
        .group_by(GraphLayout.layout_key)
        .order_by(func.max(GraphLayout.computed_at).desc(), func.max(GraphLayout.id).desc())
        .limit(KEEP_LAYOUTS)
    )
    session.execute(delete(GraphLayout).where(GraphLayout.layout_key.not_in(newest)))
    return len(rows)


# --------------------------------------------------------------------------- metrics
_METRICS_CHUNK = 5_000


def influence_ranks(metrics: pd.DataFrame) -> pd.Series:
    """Rank by influence (1 = most influential) among customers with relationships, else NaN."""
    connected = metrics["degree"] > 0
    rank = metrics.loc[connected, "influence"].rank(ascending=False, method="first")
    return rank.reindex(metrics.index)


def network_kind(infer: bool = False) -> str:
    """The ``analytics_results`` kind of the metrics with (or without) inferred links."""
    return INFERRED_KIND if infer else NETWORK_KIND


def save_network_metrics(
    session: Session,
    metrics: pd.DataFrame,
    digest: str,
    computed_at: datetime | None = None,
    *,
    kind: str = NETWORK_KIND,
) -> int:
    """Store per-customer metrics (indexed by customer id, columns as ``analytics.influence``).

    Upserts one ``analytics_results`` row per customer (``kind``: 'influence', or
    'influence_inferred' for the graph with inferred links), a few thousand rows per statement,
    and removes the rows of that kind of customers no longer in ``metrics``. Returns the rows
    written.
    """
    version = f"{NETWORK_MODEL}:{digest[:16]}"
    at = computed_at or utcnow()
    from crm_desktop.storage.analytics_store import customer_ids, result_upsert

    known = customer_ids(session.connection())
    rank = influence_ranks(metrics)
    ranked = int(rank.notna().sum())
    stmt = result_upsert()
    # Built and written _METRICS_CHUNK rows at a time: a million customers' rows at once (a
    # dict each, and a dict of details) took over a gigabyte of the background process.
    written = 0
    places = rank.to_numpy(dtype=float)
    for start in range(0, len(metrics), _METRICS_CHUNK):
        part = metrics.iloc[start:start + _METRICS_CHUNK]
        exists = known.holds(part.index.to_series())
        rows = []
        for cid, row, place, there in zip(part.index.tolist(), part.to_dict("records"),
                                          places[start:start + _METRICS_CHUNK].tolist(),
                                          exists.tolist(), strict=True):
            if not there:
                continue
            community = int(row["community"])
            details = {
                "degree": int(row["degree"]),
                "betweenness": float(row["betweenness"]),
                "eigenvector": float(row["eigenvector"]),
                "pagerank": float(row["pagerank"]),
                "community": community,
                "rank": None if np.isnan(place) else int(place),
                "of": ranked,
            }
            rows.append({
                "customer_id": int(cid), "kind": kind, "value": float(row["influence"]),
                "label": f"community {community}" if community >= 0 else None,
                "details": details, "model_version": version, "computed_at": at,
                "created_at": at, "updated_at": at,
            })
        if rows:
            session.execute(stmt, rows)
            written += len(rows)
    session.execute(
        delete(AnalyticsResult).where(
            AnalyticsResult.kind == kind, AnalyticsResult.model_version != version
        )
    )
    return written


def metrics_version(session: Session, kind: str = NETWORK_KIND) -> str | None:
    """The edges digest (16 hex digits) the stored metrics were computed from, or None."""
    version = session.scalar(
        select(AnalyticsResult.model_version).where(AnalyticsResult.kind == kind).limit(1)
    )
    if not version or not version.startswith(f"{NETWORK_MODEL}:"):
        return None
    return version.split(":", 1)[1]


_METRICS_SQL = """
SELECT r.customer_id AS node, r.value AS influence,
       json_extract(r.details, '$.degree') AS degree,
       json_extract(r.details, '$.betweenness') AS betweenness,
       json_extract(r.details, '$.eigenvector') AS eigenvector,
       json_extract(r.details, '$.pagerank') AS pagerank,
       json_extract(r.details, '$.community') AS community,
       json_extract(r.details, '$.rank') AS rank
  FROM analytics_results r JOIN customers c ON c.id = r.customer_id
 WHERE r.kind = ? AND c.deleted_at IS NULL
"""


def load_network_metrics(session: Session, kind: str = NETWORK_KIND) -> pd.DataFrame | None:
    """Stored metrics indexed by customer id (influence, degree, betweenness, eigenvector,
    pagerank, community, rank); None when none are stored."""
    from crm_desktop.storage.frame_chunks import read_query

    # A chunk at a time on the session's own connection: SQLAlchemy rows made into a frame
    # took 6 s for 100,000 customers (the frame asks every row for attributes it has not).
    frame = read_query(session.connection().connection, _METRICS_SQL, (kind,))
    if frame.empty:
        return None
    frame = frame.set_index("node")
    frame.index.name = None
    return frame.astype({"degree": "int64", "community": "int64", "rank": "Int64"})


# --------------------------------------------------------------------------- queries for views


@dataclass(frozen=True)
class InfluenceInfo:
    """One customer's place in the network (from the stored metrics)."""

    customer_id: int
    influence: float
    rank: int | None  # 1 = most influential; None when the customer has no relationships
    of: int
    community: int | None
    community_size: int
    degree: int
    computed_at: datetime


@dataclass(frozen=True)
class Influencer:
    customer_id: int
    name: str
    company: str | None
    influence: float
    rank: int
    community: int | None
    degree: int


def influence_info(session: Session | Connection, customer_id: int) -> InfluenceInfo | None:
    """The stored network metrics of one customer, or None when never computed.

    Works with an ORM session or a Core connection (the customer detail reads with one)."""
    row = session.execute(
        select(AnalyticsResult.value, AnalyticsResult.details, AnalyticsResult.computed_at).where(
            AnalyticsResult.customer_id == customer_id, AnalyticsResult.kind == NETWORK_KIND
        )
    ).first()
    if row is None:
        return None
    value, details, computed_at = row
    details = details or {}
    community = details.get("community")
    community = int(community) if community is not None and community >= 0 else None
    size = 0
    if community is not None:
        size = int(session.execute(
            select(func.count()).select_from(AnalyticsResult).where(
                AnalyticsResult.kind == NETWORK_KIND,
                AnalyticsResult.label == f"community {community}",
            )
        ).scalar() or 0)
    return InfluenceInfo(
        customer_id=customer_id, influence=float(value or 0.0), rank=details.get("rank"),
        of=int(details.get("of") or 0), community=community, community_size=size,
        degree=int(details.get("degree") or 0), computed_at=computed_at,
    )


_TOP_SQL = """
SELECT r.customer_id, c.name, co.name AS company, r.value,
       json_extract(r.details, '$.rank') AS rank, json_extract(r.details, '$.community') AS comm,
       json_extract(r.details, '$.degree') AS degree
  FROM analytics_results r JOIN customers c ON c.id = r.customer_id
  LEFT JOIN customers co ON co.id = c.company_id
 WHERE r.kind = :kind AND c.deleted_at IS NULL AND json_extract(r.details, '$.rank') IS NOT NULL
 ORDER BY r.value DESC, rank LIMIT :limit
"""


def top_influencers(session: Session | Connection, limit: int = 10) -> list[Influencer]:
    """The most influential live customers by stored influence score (for the dashboard)."""
    rows = session.execute(text(_TOP_SQL), {"kind": NETWORK_KIND, "limit": limit}).all()
    return [
        Influencer(
            customer_id=int(r[0]), name=r[1], company=r[2], influence=float(r[3]),
            rank=int(r[4]), community=int(r[5]) if r[5] is not None and r[5] >= 0 else None,
            degree=int(r[6] or 0),
        )
        for r in rows
    ]


def customer_labels(session: Session, names: bool = True) -> pd.DataFrame:
    """Live customers as DataFrame(id, name, company) indexed by id: labels for graph nodes
    (without ``names``: the id column only, for metrics that need the nodes and not who they
    are; a million customers' names and companies are some 150 MB of texts)."""
    from crm_desktop.storage.frame_chunks import read_query

    # Read a chunk at a time on the session's own connection (its transaction): a million
    # customers fetched as SQLAlchemy rows at once took about 400 MB before pandas saw them.
    sql = ("SELECT c.id, c.name, co.name AS company FROM customers c "
           "LEFT JOIN customers co ON co.id = c.company_id "
           "WHERE c.deleted_at IS NULL") if names else (
        "SELECT c.id FROM customers c WHERE c.deleted_at IS NULL")
    frame = read_query(session.connection().connection, sql)
    return frame.set_index("id", drop=False)


@dataclass(frozen=True)
class PairLinks:
    """The two customers of a relationship and the live relationships between them (either
    direction): (kind, strength) each; empty when the last one was deleted."""

    source_id: int
    target_id: int
    links: tuple[tuple[str, float], ...]


def pair_links(session: Session, relationship_id: int) -> PairLinks | None:
    """The pair of a relationship (deleted or not) and its live relationships; None when no
    such relationship exists."""
    rel = session.get(Relationship, relationship_id)
    if rel is None:
        return None
    a, b = rel.source_id, rel.target_id
    rows = session.execute(select(Relationship.kind, Relationship.strength).where(
        or_((Relationship.source_id == a) & (Relationship.target_id == b),
            (Relationship.source_id == b) & (Relationship.target_id == a)),
        Relationship.deleted_at.is_(None))).all()
    return PairLinks(a, b, tuple((str(kind), float(strength)) for kind, strength in rows))
