"""The campaign effect in words a shop owner reads: of the customers contacted and of those
held out (the control group), how many responded and bought, the difference with its range
("we are 95% sure it lies between ..."), and whether it could be chance. From
`services.campaign_effect.CampaignEvaluation`."""

from __future__ import annotations

from html import escape as esc

from PySide6.QtCore import QCoreApplication

from crm_desktop.services.campaign_effect import CampaignEvaluation, OutcomeEffect


def tr(text: str) -> str:
    return QCoreApplication.translate("CampaignEffect", text)


def _points(value: float) -> str:
    return f"{100 * value:+.1f}"


def outcome_sentence(effect: OutcomeEffect, confidence: float) -> str:
    what = {"responded": tr("Responded"), "converted": tr("Bought")}.get(effect.outcome,
                                                                       effect.outcome)
    rates = tr("{0}: {1:.1%} of the {2:,} contacted against {3:.1%} of the {4:,} held out "
               "({5} points).").format(what, effect.targeted_rate, effect.targeted,
                                       effect.holdout_rate, effect.holdout,
                                       _points(effect.difference))
    sure = tr("We are {0:.0%} sure the campaign changed this by between {1} and {2} "
              "points.").format(confidence, _points(effect.ci_low), _points(effect.ci_high))
    if effect.significant and effect.difference > 0:
        verdict = tr("The campaign worked: this is unlikely to be chance (p = {0:.3f}).")
    elif effect.significant:
        verdict = tr("Those contacted did worse: this is unlikely to be chance "
                     "(p = {0:.3f}).")
    else:
        verdict = tr("No proven effect: a difference this size could be chance "
                     "(p = {0:.2f}).")
    return " ".join((rates, sure, verdict.format(effect.p_value)))


def effect_html(evaluation: CampaignEvaluation) -> str:
    """A paragraph per outcome, then the segment test of this campaign (when it ran)."""
    if not evaluation.effects:
        return "<p>" + esc(tr(
            "No control group: nobody was held out of this campaign, so its effect cannot be "
            "measured. Next time, hold out a share (e.g. 10%) when adding members.")) + "</p>"
    parts = [f"<p>{esc(outcome_sentence(e, evaluation.confidence))}</p>"
             for e in evaluation.effects]
    test = evaluation.segment_test
    if test is not None and test.p_value is not None:
        parts.append("<p style='color:palette(placeholder-text)'>" + esc(
            tr("By customer segment (chi-square): the response differs between segments "
               "(p = {0:.3f}).") if test.significant else
            tr("By customer segment (chi-square): no clear difference between segments "
               "(p = {0:.2f}).")).format(test.p_value) + "</p>")
    return "".join(parts)
