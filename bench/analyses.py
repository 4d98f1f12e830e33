"""Time the analyses as the app runs them (services.analyses.run.run_analysis) on a database
(prints figures, asserts nothing).

    python bench/analyses.py --db PATH [--names churn propensity segments clv winprob] [--rounds 2]

The frames stay in a frame cache (as the app's background process keeps them); each analysis
reads only its columns, so its first round includes reading them and the best round (of two or
more) is the analysis's own time: fitting, scoring, and (since issue 11) the reasons, summary
and profiles each result carries. Wall and CPU time (this process and its children) are both
printed: on a shared machine the CPU figure is the one to compare. Also prints what the demo
data looks like to a user:
the churn model's base rate and the share of customers in each risk band.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crm_desktop.services.analyses.run import run_analysis  # noqa: E402
from crm_desktop.storage.database import open_database  # noqa: E402
from crm_desktop.storage.frame_cache import FrameCache  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and its finished children (models fit on both cores and
    in worker processes: wall time alone says more about the machine's load than the code)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--names", nargs="+",
                        default=["kpis", "rfm", "segments", "churn", "propensity", "clv",
                                 "winprob"])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    database = open_database(args.db)
    frames = FrameCache(database)
    started = time.perf_counter()
    for name in ("customers", "orders", "order_lines", "tickets", "interactions",
                 "survey_responses", "opportunities"):
        frames.get(name)
    print(f"frames loaded in {time.perf_counter() - started:.2f} s")
    best: dict[str, float] = {}
    best_cpu: dict[str, float] = {}
    for round_ in range(args.rounds):
        for name in args.names:
            started, cpu_started = time.perf_counter(), _cpu()
            outcome = run_analysis(database, name, frames=frames)
            seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
            best[name] = min(best.get(name, seconds), seconds)
            best_cpu[name] = min(best_cpu.get(name, cpu), cpu)
            print(f"round {round_ + 1} {name:<11} {seconds:6.2f} s  CPU {cpu:6.2f} s  "
                  f"rows {len(outcome.table):,}", flush=True)
            if name == "churn" and round_ == 0:
                table = outcome.table
                risk = table["risk"].value_counts(normalize=True).round(3).to_dict()
                print(f"  churn base rate {outcome.quality.get('base_rate')}, risk bands {risk}")
    print("best: " + ", ".join(f"{k} {v:.2f} s" for k, v in best.items()))
    print("best CPU: " + ", ".join(f"{k} {v:.2f} s" for k, v in best_cpu.items()))
    print(f"total (best) {sum(best.values()):.2f} s, CPU {sum(best_cpu.values()):.2f} s")
    database.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
