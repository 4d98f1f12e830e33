"""`campaigns effect ID --db PATH [--json]`: did the campaign work? Targeted members against
its holdout (response and conversion, the lift with a 95% interval and a test) and the
chi-square of response against RFM segment for this campaign alone
(crm_desktop/services/campaign_effect.py)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from crm_desktop.cli.common import add_db_argument, open_existing, print_json

if TYPE_CHECKING:
    from crm_desktop.services.campaign_effect import CampaignEvaluation


def register(subparsers: Any) -> None:
    campaigns = subparsers.add_parser("campaigns", help="campaign evaluation")
    actions = campaigns.add_subparsers(dest="campaigns_command", metavar="ACTION",
                                       required=True)
    effect = actions.add_parser("effect", help="lift of a campaign over its holdout")
    effect.add_argument("id", type=int, metavar="ID")
    add_db_argument(effect)
    effect.add_argument("--confidence", type=float, default=0.95, metavar="LEVEL",
                        help="of the interval (default 0.95)")
    effect.add_argument("--json", action="store_true", help="print a JSON object")
    effect.set_defaults(handler=run_effect)


def run_effect(args: argparse.Namespace) -> int:
    from crm_desktop.cli import CommandError
    from crm_desktop.services.campaign_effect import campaign_effect

    if not 0.5 <= args.confidence < 1:
        raise CommandError(f"--confidence {args.confidence}: give a level from 0.5 to 0.99")
    with open_existing(args.db) as database:
        evaluation = campaign_effect(database, args.id, args.confidence)
    if args.json:
        print_json(evaluation.to_dict())
    else:
        print(effect_text(evaluation))
    return 0


def _points(share: float) -> str:
    return f"{100 * share:+.1f}"


def effect_text(found: CampaignEvaluation) -> str:
    lines = [f"campaign {found.campaign_id} {found.name!r}: {found.members:,} members, "
             f"{found.holdout:,} in the holdout"]
    if found.note:
        lines.append(found.note)
    level = f"{found.confidence:.0%}"
    for e in found.effects:
        verdict = "significant" if e.significant else "not significant"
        lines.append(
            f"{e.outcome}: targeted {e.targeted_positives}/{e.targeted} "
            f"({e.targeted_rate:.1%}) vs holdout {e.holdout_positives}/{e.holdout} "
            f"({e.holdout_rate:.1%}): lift {_points(e.difference)} points ({level} interval "
            f"{_points(e.ci_low)} to {_points(e.ci_high)}), p = {e.p_value:.3g} "
            f"({e.test}) - {verdict}")
    test = found.segment_test
    if test is not None:
        if test.p_value is None:
            lines.append(f"{test.outcome} x RFM segment: n/a ({test.note})")
        else:
            lines.append(f"{test.outcome} x RFM segment (targeted members of this campaign): "
                         f"chi2 {test.chi2:.2f}, dof {test.dof}, p = {test.p_value:.3g}, "
                         f"Cramer's V {test.cramers_v:.2f}")
    return "\n".join(lines)
