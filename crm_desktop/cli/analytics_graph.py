"""`crm-desktop analytics graph --db PATH [--json] [--top N] [--infer]`: the relationship network.

Prints the most influential customers (with their links, betweenness and eigenvector
centrality: brokers between groups, and people close to other well-connected people), the
largest communities and the modularity
(``services.graph.network_report``: the graph page's pipeline), and stores the per-customer
metrics (analytics_results, kind 'influence') so the customer detail and the dashboard show
them; `--no-save` leaves the database untouched.

`--infer` adds inferred links, as the graph page's "Include inferred links": people of the same
company and customers who responded to the same campaign (`analytics.network.build_edges` with
`infer=True`; a recorded relationship is never overridden). Their metrics are stored under kind
'influence_inferred', the page's cache for that view, so the recorded-links metrics stay as they
are. `--json` then gives the inferred counts and every inferred link (`inferred_edges`).
"""

from __future__ import annotations

import argparse

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


def run_graph(args: argparse.Namespace) -> int:
    from crm_desktop.cli.common import open_existing, print_json
    from crm_desktop.services.graph import network_report

    with open_existing(args) as database:
        report = network_report(database, top=max(1, args.top), save=not args.no_save,
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
        print(f"{'rank':>4}  {'id':>7}  {'influence':>9}  {'links':>5}  {'between.':>8}  "
              f"{'eigenv.':>7}  {'comm.':>5}  name")
        for p in report["top_influencers"]:
            company = f" ({p['company']})" if p["company"] else ""
            print(f"{p['rank']:>4}  {p['id']:>7}  {p['influence']:>9.3f}  {p['degree']:>5}  "
                  f"{p['betweenness']:>8.4f}  {p['eigenvector']:>7.4f}  {p['community']:>5}  "
                  f"{p['name']}{company}")
    if report["largest_communities"]:
        print("\nLargest communities")
        for c in report["largest_communities"]:
            print(f"{c['community']:>4}  {c['size']:>6,} people  led by {', '.join(c['leaders'])}")
    return 0
