"""`crm-desktop analytics graph --db PATH [--json] [--top N] [--infer]`: the relationship network.

Prints the most influential customers, the largest communities and the modularity, and stores
the per-customer metrics (analytics_results, kind 'influence') so the customer detail and the
dashboard show them; `--no-save` leaves the database untouched.

`--infer` adds inferred links, as the graph page's "Include inferred links": people of the same
company and customers who responded to the same campaign (`analytics.network.build_edges` with
`infer=True`; a recorded relationship is never overridden). Their metrics are stored under kind
'influence_inferred', the page's cache for that view, so the recorded-links metrics stay as they
are. `--json` then gives the inferred counts and every inferred link (`inferred_edges`).
"""

from __future__ import annotations

import argparse
from typing import Any

HELP = "relationship network: top influencers, communities, modularity"
INFERRED_KINDS = {"same_company": "same company", "shared_campaign": "same campaign response"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--top", type=int, default=10, metavar="N",
                        help="influencers and communities listed (default 10)")
    parser.add_argument("--no-save", action="store_true",
                        help="do not store the metrics in the database")
    parser.add_argument("--infer", action="store_true",
                        help="also link people of the same company and customers who responded "
                             "to the same campaign (inferred links; never replace a recorded "
                             "relationship)")


def _inferred_summary(edges: Any) -> dict[str, Any]:
    """Counts of the inferred links by reason, and the links themselves."""
    guessed = edges[edges["inferred"].astype(bool)]
    by_kind: dict[str, int] = {}
    for kinds in guessed["kind"]:
        for kind in str(kinds).split(","):
            by_kind[kind] = by_kind.get(kind, 0) + 1
    return {
        "inferred_links": int(len(guessed)),
        "inferred_by_kind": by_kind,
        "inferred_edges": [
            {"source": int(a), "target": int(b), "strength": round(float(w), 4),
             "kinds": str(k).split(","), "inferred": True}
            for a, b, w, k in zip(guessed["source"], guessed["target"], guessed["weight"],
                                  guessed["kind"], strict=True)
        ],
    }


def graph_report(database: Any, top: int = 10, save: bool = True,
                 infer: bool = False) -> dict[str, Any]:
    """The network summary as plain data (what --json prints)."""
    import pandas as pd

    from crm_desktop.analytics.network import analyze
    from crm_desktop.storage import frames, graph_store

    relationships = frames.relationships(database)
    customers = frames.customers(database)[["id", "name", "company_id", "company_name"]]
    members = None
    if infer:
        members = frames.campaign_members(database)[["campaign_id", "customer_id", "responded"]]
    result = analyze(relationships, customers, members, infer=infer, top=top)
    metrics = result.metrics
    if save:
        with database.session() as session:
            graph_store.save_network_metrics(
                session, metrics, graph_store.edges_digest(result.edges),
                kind=graph_store.network_kind(infer))
    names = customers.set_index("id")
    ranks = graph_store.influence_ranks(metrics)
    inferred = result.edges["inferred"].astype(bool)
    guessed = result.edges[inferred]
    degree_inferred = (  # inferred links per customer
        pd.concat([guessed["source"], guessed["target"]]).value_counts() if infer else None
    )

    def person(node: Any) -> dict[str, Any]:
        row = metrics.loc[node]
        company = names.at[node, "company_name"]
        found = {
            "rank": int(ranks[node]), "id": int(node), "name": names.at[node, "name"],
            "company": company if isinstance(company, str) and company else None,
            "influence": round(float(row["influence"]), 4), "degree": int(row["degree"]),
            "community": int(row["community"]),
            "betweenness": round(float(row["betweenness"]), 6),
            "pagerank": round(float(row["pagerank"]), 6),
            "broker": bool(row["broker"]),
        }
        if degree_inferred is not None:
            found["inferred_degree"] = int(degree_inferred.get(node, 0))
        return found

    grouped = metrics[metrics["community"] >= 0].groupby("community")
    sizes = grouped.size().sort_values(ascending=False, kind="mergesort")
    communities = []
    for community, size in sizes[sizes >= 2].head(top).items():
        members_ = grouped.get_group(community).sort_values("influence", ascending=False)
        communities.append({
            "community": int(community), "size": int(size),
            "leaders": [str(names.at[n, "name"]) for n in members_.index[:3]],
        })
    report = {
        "customers": int(len(metrics)),
        "relationships": int((~inferred).sum()),
        "links": int(len(result.edges)),
        "connected": int((metrics["degree"] > 0).sum()),
        "modularity": round(float(result.modularity), 4),
        "communities": int(result.communities),
        "backend": result.backend,
        "betweenness_sample_size": result.betweenness_sample_size,
        "inferred": infer,
        "top_influencers": [person(n) for n in result.top_influencers],
        "largest_communities": communities,
        "saved": save,
    }
    if infer:
        report.update(_inferred_summary(result.edges))
    return report


def run_graph(args: argparse.Namespace) -> int:
    from crm_desktop.cli.common import open_existing, print_json

    with open_existing(args.db) as database:
        report = graph_report(database, top=max(1, args.top), save=not args.no_save,
                              infer=args.infer)
    if args.json:
        print_json(report)
        return 0
    linked = " or inferred links" if report["inferred"] else ""
    print(f"{report['customers']:,} customers, {report['connected']:,} with relationships{linked}, "
          f"{report['relationships']:,} relationships")
    if report["inferred"]:
        reasons = ", ".join(f"{INFERRED_KINDS.get(k, k)} {n:,}"
                            for k, n in sorted(report["inferred_by_kind"].items()))
        print(f"{report['inferred_links']:,} inferred links added"
              + (f" ({reasons})" if reasons else "")
              + "; metrics below count them")
    print(f"modularity {report['modularity']:.3f}, {report['communities']:,} communities")
    if report["top_influencers"]:
        print("\nTop influencers")
        print(f"{'rank':>4}  {'id':>7}  {'influence':>9}  {'links':>5}  {'comm.':>5}  name")
        for p in report["top_influencers"]:
            company = f" ({p['company']})" if p["company"] else ""
            print(f"{p['rank']:>4}  {p['id']:>7}  {p['influence']:>9.3f}  {p['degree']:>5}  "
                  f"{p['community']:>5}  {p['name']}{company}")
    if report["largest_communities"]:
        print("\nLargest communities")
        for c in report["largest_communities"]:
            print(f"{c['community']:>4}  {c['size']:>6,} people  led by {', '.join(c['leaders'])}")
    return 0
