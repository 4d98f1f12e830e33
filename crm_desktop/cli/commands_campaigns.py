"""`campaigns create --db PATH --suggested-product ID|NAME [--name N] [--holdout SHARE]`:
plan a campaign at the customers to whom the basket analysis suggests that product and add
them as members (crm_desktop/services/suggested_campaigns.py).

`campaigns effect ID --db PATH [--json]`: did the campaign work? Targeted members against
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
    campaigns = subparsers.add_parser("campaigns", help="campaign evaluation and planning")
    actions = campaigns.add_subparsers(dest="campaigns_command", metavar="ACTION",
                                       required=True)
    effect = actions.add_parser("effect", help="lift of a campaign over its holdout")
    effect.add_argument("id", type=int, metavar="ID")
    add_db_argument(effect)
    effect.add_argument("--confidence", type=float, default=0.95, metavar="LEVEL",
                        help="of the interval (default 0.95)")
    effect.add_argument("--json", action="store_true", help="print a JSON object")
    effect.set_defaults(handler=run_effect)
    create = actions.add_parser("create", help="a campaign at the customers to whom a "
                                               "product is suggested")
    add_db_argument(create)
    create.add_argument("--suggested-product", required=True, metavar="ID|NAME",
                        help="the product (as the 'basket' analysis, applied, suggests it)")
    create.add_argument("--name", help="of the campaign (default: Offer: PRODUCT)")
    create.add_argument("--holdout", type=float, default=0.0, metavar="SHARE",
                        help="share of the members kept out as a control group (e.g. 0.1)")
    create.add_argument("--json", action="store_true", help="print a JSON object")
    create.set_defaults(handler=run_create)


def run_create(args: argparse.Namespace) -> int:
    from crm_desktop.services import campaigns
    from crm_desktop.services.suggested_campaigns import (
        campaign_for_product,
        find_suggested_product,
    )

    with open_existing(args) as database:
        product = find_suggested_product(database, args.suggested_product)
        made = campaign_for_product(database, product.product_id, args.name).value
        members = campaigns.add_members(database, made.campaign_id, args.holdout).value
    result = {"campaign_id": made.campaign_id, "segment_id": made.segment_id,
              "product": made.product, "customers": made.customers, "members": len(members),
              "holdout_share": args.holdout}
    if args.json:
        print_json(result)
    else:
        print(f"campaign {made.campaign_id} 'Offer: {made.product}' planned"
              if args.name is None else f"campaign {made.campaign_id} {args.name!r} planned",
              f"with {len(members):,} members (the customers to whom {made.product} is "
              f"suggested)")
    return 0


def run_effect(args: argparse.Namespace) -> int:
    from crm_desktop.cli import CommandError
    from crm_desktop.services.campaign_effect import campaign_effect

    if not 0.5 <= args.confidence < 1:
        raise CommandError(f"--confidence {args.confidence}: give a level from 0.5 to 0.99")
    with open_existing(args) as database:
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
