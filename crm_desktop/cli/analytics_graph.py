"""`crm-desktop analytics graph --db PATH [--json] [--top N]`: the relationship network.

Prints the most influential customers, the largest communities and the modularity, and stores
the per-customer metrics (analytics_results, kind 'influence') so the customer detail and the
dashboard show them; `--no-save` leaves the database untouched.
"""

from __future__ import annotations

import argparse
from typing import Any

HELP = "relationship network: top influencers, communities, modularity"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--top", type=int, default=10, metavar="N",
                        help="influencers and communities listed (default 10)")
    parser.add_argument("--no-save", action="store_true",
                        help="do not store the metrics in the database")


def graph_report(database: Any, top: int = 10, save: bool = True) -> dict[str, Any]:
    """The network summary as plain data (what --json prints)."""
    from crm_desktop.analytics.network import analyze
    from crm_desktop.storage import frames, graph_store

    relationships = frames.relationships(database)
    customers = frames.customers(database)[["id", "name", "company_name"]]
    result = analyze(relationships, customers, top=top)
    metrics = result.metrics
    if save:
        with database.session() as session:
            graph_store.save_network_metrics(
                session, metrics, graph_store.edges_digest(result.edges))
    names = customers.set_index("id")
    ranks = graph_store.influence_ranks(metrics)

    def person(node: Any) -> dict[str, Any]:
        row = metrics.loc[node]
        company = names.at[node, "company_name"]
        return {
            "rank": int(ranks[node]), "id": int(node), "name": names.at[node, "name"],
            "company": company if isinstance(company, str) and company else None,
            "influence": round(float(row["influence"]), 4), "degree": int(row["degree"]),
            "community": int(row["community"]),
            "betweenness": round(float(row["betweenness"]), 6),
            "pagerank": round(float(row["pagerank"]), 6),
            "broker": bool(row["broker"]),
        }

    grouped = metrics[metrics["community"] >= 0].groupby("community")
    sizes = grouped.size().sort_values(ascending=False, kind="mergesort")
    communities = []
    for community, size in sizes[sizes >= 2].head(top).items():
        members = grouped.get_group(community).sort_values("influence", ascending=False)
        communities.append({
            "community": int(community), "size": int(size),
            "leaders": [str(names.at[n, "name"]) for n in members.index[:3]],
        })
    return {
        "customers": int(len(metrics)),
        "relationships": int(len(result.edges)),
        "connected": int((metrics["degree"] > 0).sum()),
        "modularity": round(float(result.modularity), 4),
        "communities": int(result.communities),
        "backend": result.backend,
        "betweenness_sample_size": result.betweenness_sample_size,
        "top_influencers": [person(n) for n in result.top_influencers],
        "largest_communities": communities,
        "saved": save,
    }


def run_graph(args: argparse.Namespace) -> int:
    from crm_desktop.cli.common import open_existing, print_json

    with open_existing(args.db) as database:
        report = graph_report(database, top=max(1, args.top), save=not args.no_save)
    if args.json:
        print_json(report)
        return 0
    print(f"{report['customers']:,} customers, {report['connected']:,} with relationships, "
          f"{report['relationships']:,} relationships")
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
