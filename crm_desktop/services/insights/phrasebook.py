"""Every sentence the insights say, in English, by key: the one phrasebook.

The analyses give facts as keys and numbers (``analytics.phrases``, ``analytics.summaries``,
``analytics.quality_words``, the Today list); :mod:`.render` turns a :class:`Sentence` into
text with these templates. The UI translates a template with
``QCoreApplication.translate("insights", text[, n])`` (each text below is marked with
``QT_TRANSLATE_NOOP`` / ``QT_TRANSLATE_N_NOOP`` so that pyside6-lupdate extracts it) and fills
in the numbers in the user's locale; the command line prints the English.

A template's placeholders are ``{0}``, ``{1}``... in the order of the sentence's arguments; the
argument that decides the plural (``count``) is written ``%Ln`` (Qt's localised count), so a
translation gives each plural form. ``one`` is the English text for a count of 1 (shown when no
translation is installed). ``kinds`` says how each argument is shown, one letter each:

===  ==========================================================================================
n    a count (the plural argument, ``%Ln``)
i    a whole number (days, orders, ...)
f    a number with one decimal (a rating)
m    money, in the database's currency with its sign
p    a share 0..1 shown as a percentage
t    text as it is (a name, a subject)
s    a phrase key whose ``sign:`` template is inserted (the strongest signs of a summary)
g    a segment: a name key (``frequent_high_spenders_2``) shown by its ``segment:`` template and
     number, a name the user gave, or an RFM segment name
d    a date (ISO text)
===  ==========================================================================================
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = "insights"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate finds
    return text


@dataclass(frozen=True)
class Template:
    text: str
    kinds: str = ""
    count: int | None = None  # index of the plural argument (written %Ln in the text)
    one: str | None = None  # English for a count of 1


def _n(text: str, kinds: str, count: int, one: str) -> Template:
    return Template(text, kinds, count, one)


T = Template

# Reasons per customer or deal (analytics.phrases keys): "At risk: no order for 140 days, ..."
REASONS: dict[str, Template] = {
    "no_order_days": _n(QT_TRANSLATE_NOOP("insights", "no order for %Ln days"), "n", 0, "no order for %Ln day"),
    "orders_total": _n(QT_TRANSLATE_NOOP("insights", "%Ln orders in all"), "n", 0, "%Ln order in all"),
    "spent_total": T(QT_TRANSLATE_NOOP("insights", "spent {0} in all"), "m"),
    "average_order_value": T(QT_TRANSLATE_NOOP("insights", "orders of {0} on average"), "m"),
    "customer_for_days": _n(QT_TRANSLATE_NOOP("insights", "a customer for %Ln days"), "n", 0, "a customer for %Ln day"),
    "orders_in_last_days": _n(QT_TRANSLATE_NOOP("insights", "%Ln orders in the last {1} days"), "ni", 0,
                              "%Ln order in the last {1} days"),
    "tickets_total": _n(QT_TRANSLATE_NOOP("insights", "%Ln support tickets"), "n", 0, "%Ln support ticket"),
    "complaints_total": _n(QT_TRANSLATE_NOOP("insights", "%Ln complaints"), "n", 0, "%Ln complaint"),
    "average_satisfaction": T(QT_TRANSLATE_NOOP("insights", "rated service {0} of {1}"), "fi"),
    "contacts_total": _n(QT_TRANSLATE_NOOP("insights", "%Ln calls, meetings or e-mails"), "n", 0,
                         "%Ln call, meeting or e-mail"),
    "no_contact_days": _n(QT_TRANSLATE_NOOP("insights", "not contacted for %Ln days"), "n", 0,
                          "not contacted for %Ln day"),
    "survey_score": T(QT_TRANSLATE_NOOP("insights", "answered {0} of {1} in a survey"), "fi"),
    "category_items_total": _n(QT_TRANSLATE_NOOP("insights", "bought %Ln items of the category"), "n", 0,
                               "bought %Ln item of the category"),
    "category_spent_total": T(QT_TRANSLATE_NOOP("insights", "spent {0} on the category"), "m"),
    "no_category_order_days": _n(QT_TRANSLATE_NOOP("insights", "nothing of the category for %Ln days"), "n", 0,
                                 "nothing of the category for %Ln day"),
    "deal_amount": T(QT_TRANSLATE_NOOP("insights", "a deal of {0}"), "m"),
    "deal_stage_number": T(QT_TRANSLATE_NOOP("insights", "at stage {0} of the pipeline"), "i"),
    "deal_stage_probability": T(QT_TRANSLATE_NOOP("insights", "a stage that wins {0}% of deals"), "i"),
    "deals_won_before": _n(QT_TRANSLATE_NOOP("insights", "%Ln deals won with them before"), "n", 0,
                           "%Ln deal won with them before"),
    "revenue_before_deal": T(QT_TRANSLATE_NOOP("insights", "they had spent {0} before the deal"), "m"),
    "lead_source": T(QT_TRANSLATE_NOOP("insights", "came through {0}"), "t"),
    "deal_owner": T(QT_TRANSLATE_NOOP("insights", "handled by {0}"), "t"),
    "from_campaign": T(QT_TRANSLATE_NOOP("insights", "came from a campaign")),
    "not_from_campaign": T(QT_TRANSLATE_NOOP("insights", "did not come from a campaign")),
    "never_ordered": T(QT_TRANSLATE_NOOP("insights", "never ordered")),
    "no_satisfaction_rating": T(QT_TRANSLATE_NOOP("insights", "never rated the service")),
    "never_contacted": T(QT_TRANSLATE_NOOP("insights", "never contacted")),
    "no_survey_answer": T(QT_TRANSLATE_NOOP("insights", "never answered a survey")),
    "never_bought_category": T(QT_TRANSLATE_NOOP("insights", "never bought from the category")),
    "no_lead_source": T(QT_TRANSLATE_NOOP("insights", "no lead source recorded")),
    "no_deal_owner": T(QT_TRANSLATE_NOOP("insights", "nobody handles the deal")),
    "feature_value": T(QT_TRANSLATE_NOOP("insights", "{0}: {1}"), "tt"),
    "feature_unknown": T(QT_TRANSLATE_NOOP("insights", "{0} unknown"), "t"),
}

# The same facts without numbers, for "The strongest signs are ... and ...": neutral, since
# the same fact raises one customer's score and lowers another's.
SIGNS: dict[str, Template] = {
    "no_order_days": T(QT_TRANSLATE_NOOP("insights", "how long ago they last ordered")),
    "orders_total": T(QT_TRANSLATE_NOOP("insights", "how many orders they placed")),
    "spent_total": T(QT_TRANSLATE_NOOP("insights", "how much they spent")),
    "average_order_value": T(QT_TRANSLATE_NOOP("insights", "the size of their orders")),
    "customer_for_days": T(QT_TRANSLATE_NOOP("insights", "how long they have been a customer")),
    "orders_in_last_days": T(QT_TRANSLATE_NOOP("insights", "recent orders")),
    "tickets_total": T(QT_TRANSLATE_NOOP("insights", "support tickets")),
    "complaints_total": T(QT_TRANSLATE_NOOP("insights", "complaints")),
    "average_satisfaction": T(QT_TRANSLATE_NOOP("insights", "how they rated the service")),
    "contacts_total": T(QT_TRANSLATE_NOOP("insights", "how often we were in touch")),
    "no_contact_days": T(QT_TRANSLATE_NOOP("insights", "how long ago we were last in touch")),
    "survey_score": T(QT_TRANSLATE_NOOP("insights", "their survey answers")),
    "category_items_total": T(QT_TRANSLATE_NOOP("insights", "what they bought of the category")),
    "category_spent_total": T(QT_TRANSLATE_NOOP("insights", "what they spent on the category")),
    "no_category_order_days": T(QT_TRANSLATE_NOOP("insights", "how long ago they bought from the category")),
    "deal_amount": T(QT_TRANSLATE_NOOP("insights", "the deal's amount")),
    "deal_stage_number": T(QT_TRANSLATE_NOOP("insights", "how far the deal has come")),
    "deal_stage_probability": T(QT_TRANSLATE_NOOP("insights", "the deal's stage")),
    "deals_won_before": T(QT_TRANSLATE_NOOP("insights", "deals won with them before")),
    "revenue_before_deal": T(QT_TRANSLATE_NOOP("insights", "what they had spent before")),
    "lead_source": T(QT_TRANSLATE_NOOP("insights", "where the deal came from")),
    "deal_owner": T(QT_TRANSLATE_NOOP("insights", "who handles the deal")),
    "from_campaign": T(QT_TRANSLATE_NOOP("insights", "coming from a campaign")),
    "not_from_campaign": T(QT_TRANSLATE_NOOP("insights", "not coming from a campaign")),
    "never_ordered": T(QT_TRANSLATE_NOOP("insights", "never having ordered")),
    "no_satisfaction_rating": T(QT_TRANSLATE_NOOP("insights", "no service rating")),
    "never_contacted": T(QT_TRANSLATE_NOOP("insights", "never having been contacted")),
    "no_survey_answer": T(QT_TRANSLATE_NOOP("insights", "no survey answer")),
    "never_bought_category": T(QT_TRANSLATE_NOOP("insights", "never having bought from the category")),
    "no_lead_source": T(QT_TRANSLATE_NOOP("insights", "no lead source")),
    "no_deal_owner": T(QT_TRANSLATE_NOOP("insights", "nobody handling the deal")),
    "feature_value": T(QT_TRANSLATE_NOOP("insights", "other facts")),
    "feature_unknown": T(QT_TRANSLATE_NOOP("insights", "missing facts")),
}

# Segment names chosen from the profile (analytics.segment_profiles.NAME_KEYS).
SEGMENT_NAMES: dict[str, Template] = {
    "unusual_customers": T(QT_TRANSLATE_NOOP("insights", "Unusual customers")),
    "not_yet_buyers": T(QT_TRANSLATE_NOOP("insights", "Not buying yet")),
    "new_this_quarter": T(QT_TRANSLATE_NOOP("insights", "New this quarter")),
    "one_time_buyers": T(QT_TRANSLATE_NOOP("insights", "One-time buyers")),
    "lapsed_frequent": T(QT_TRANSLATE_NOOP("insights", "Lapsed, used to buy often")),
    "lapsed_high_value": T(QT_TRANSLATE_NOOP("insights", "Lapsed big spenders")),
    "lapsed_occasional": T(QT_TRANSLATE_NOOP("insights", "Lapsed occasional buyers")),
    "frequent_high_spenders": T(QT_TRANSLATE_NOOP("insights", "Frequent high spenders")),
    "frequent_buyers": T(QT_TRANSLATE_NOOP("insights", "Frequent buyers")),
    "big_ticket_buyers": T(QT_TRANSLATE_NOOP("insights", "Big-ticket buyers")),
    "occasional_low_spenders": T(QT_TRANSLATE_NOOP("insights", "Occasional small buyers")),
    "regular_customers": T(QT_TRANSLATE_NOOP("insights", "Regular customers")),
    "at_risk_high_value": T(QT_TRANSLATE_NOOP("insights", "Valuable, cooling off")),
    "cooling_customers": T(QT_TRANSLATE_NOOP("insights", "Cooling off")),
}
# A second segment with the same name: "Frequent buyers 2".
NUMBERED_SEGMENT = T(QT_TRANSLATE_NOOP("insights", "{0} {1}"), "ti")

# Model quality beside its figure (analytics.quality_words keys and levels).
QUALITY: dict[str, Template] = {
    "tells_apart_of_10": T(QT_TRANSLATE_NOOP("insights", "ranks the right one of two customers first about {0} times "
                               "in 10 (5 is guessing)"), "i"),
    "right_of_10": T(QT_TRANSLATE_NOOP("insights", "right on about {0} of 10 customers it has not seen"), "i"),
    "right_of_10_vs_guess": T(QT_TRANSLATE_NOOP("insights", "right on about {0} of 10 customers it has not seen "
                                  "(always guessing the commonest: {1} of 10)"), "ii"),
    "groups_separation": T(QT_TRANSLATE_NOOP("insights", "groups separated {0} on a scale from -1 to 1"), "f"),
    "groupings_agree": T(QT_TRANSLATE_NOOP("insights", "agrees with the other grouping {0}% beyond chance"), "i"),
    "explains_share": T(QT_TRANSLATE_NOOP("insights", "explains {0}% of the variation"), "i"),
    "worse_than_average": T(QT_TRANSLATE_NOOP("insights", "worse than always predicting the average")),
    "error_smaller_than_guess": T(QT_TRANSLATE_NOOP("insights", "errors {0}% smaller than a plain guess"), "i"),
    "error_larger_than_guess": T(QT_TRANSLATE_NOOP("insights", "errors {0}% larger than a plain guess"), "i"),
    "off_by_percent": T(QT_TRANSLATE_NOOP("insights", "off by about {0}%"), "i"),
    "not_measured": T(QT_TRANSLATE_NOOP("insights", "not measured")),
}
LEVELS: dict[str, Template] = {
    "none": T(QT_TRANSLATE_NOOP("insights", "no better than guessing")),
    "weak": T(QT_TRANSLATE_NOOP("insights", "weak")),
    "fair": T(QT_TRANSLATE_NOOP("insights", "fair")),
    "good": T(QT_TRANSLATE_NOOP("insights", "good")),
    "excellent": T(QT_TRANSLATE_NOOP("insights", "excellent")),
}
QUALITY_LINE = T(QT_TRANSLATE_NOOP("insights", "Model quality: {0}, {1}."), "tt")

# The two or three sentences a result opens with (analytics.summaries facts).
SUMMARIES: dict[str, Template] = {
    "churn_likely": _n(QT_TRANSLATE_NOOP("insights", "%Ln customers ({1}) are likely to stop buying within {2} days."),
                       "npi", 0, "%Ln customer ({1}) is likely to stop buying within {2} days."),
    "churn_none": T(QT_TRANSLATE_NOOP("insights", "No customer is more likely than not to stop buying within {0} days; "
                        "about {1} of them may stop."), "ii"),
    "churn_spent": T(QT_TRANSLATE_NOOP("insights", "They spent {0} in the last year."), "m"),
    "signs_two": T(QT_TRANSLATE_NOOP("insights", "The strongest signs are {0} and {1}."), "ss"),
    "signs_one": T(QT_TRANSLATE_NOOP("insights", "The strongest sign is {0}."), "s"),
    "propensity_likely": _n(QT_TRANSLATE_NOOP("insights", "%Ln customers ({1}) are likely to buy within {2} days."),
                            "npi", 0, "%Ln customer ({1}) is likely to buy within {2} days."),
    "propensity_likely_category": _n(
        QT_TRANSLATE_NOOP("insights", "%Ln customers ({1}) are likely to buy from “{3}” within {2} days."), "npit", 0,
        "%Ln customer ({1}) is likely to buy from “{3}” within {2} days."),
    "propensity_expected": T(QT_TRANSLATE_NOOP("insights", "About {0} customers are expected to buy; {1} did in the "
                                 "same length of time before."), "ip"),
    "segments_count": _n(QT_TRANSLATE_NOOP("insights", "Your %Ln customers fall into {1} groups."), "ni", 0,
                         "Your %Ln customer falls into {1} groups."),
    "segments_largest": T(QT_TRANSLATE_NOOP("insights", "The largest is “{0}” with {1} of customers."), "gp"),
    "segments_richest": T(QT_TRANSLATE_NOOP("insights", "“{0}” brings {1} of revenue from {2} of customers."), "gpp"),
    "clv_total": _n(QT_TRANSLATE_NOOP("insights", "Your %Ln customers are worth about {1} over the next {2} months."),
                    "nmi", 0, "Your customer is worth about {1} over the next {2} months."),
    "clv_top": T(QT_TRANSLATE_NOOP("insights", "The top {0} of customers hold {1} of that value."), "pp"),
    "clv_lost": _n(QT_TRANSLATE_NOOP("insights", "%Ln customers ({1}) have probably stopped buying."), "np", 0,
                   "%Ln customer ({1}) has probably stopped buying."),
    "win_open": _n(QT_TRANSLATE_NOOP("insights", "%Ln open deals are worth {1}; about {2} of it is expected to be won."),
                   "nmm", 0, "%Ln open deal is worth {1}; about {2} of it is expected to be won."),
    "win_likely": _n(QT_TRANSLATE_NOOP("insights", "%Ln deals worth {1} are likely to be won."), "nm", 0,
                     "%Ln deal worth {1} is likely to be won."),
    "win_rate": T(QT_TRANSLATE_NOOP("insights", "Of the deals closed so far, {0} were won."), "p"),
    # Money of one currency only (services.analyses.currencies).
    "other_currency_orders": _n(
        QT_TRANSLATE_NOOP("insights", "Amounts are in {1}: %Ln orders in other currencies were left out."), "nt", 0,
        "Amounts are in {1}: %Ln order in another currency was left out."),
    "other_currency_customers": _n(
        QT_TRANSLATE_NOOP("insights", "%Ln customers who bought only in other currencies are not counted."), "n", 0,
        "%Ln customer who bought only in another currency is not counted."),
    "other_currency_deals": _n(
        QT_TRANSLATE_NOOP("insights", "Amounts are in {1}: %Ln deals in other currencies were left out."), "nt", 0,
        "Amounts are in {1}: %Ln deal in another currency was left out."),
    "other_currency_campaigns": _n(
        QT_TRANSLATE_NOOP("insights", "%Ln campaigns with costs in other currencies show no cost, revenue or ROI "
                          "(amounts are in {1})."), "nt", 0,
        "%Ln campaign with costs in another currency shows no cost, revenue or ROI (amounts are in {1})."),
}

# What each technical figure means (one line under "Details"); figure_meaning() picks one.
FIGURES: dict[str, Template] = {
    "auc": T(QT_TRANSLATE_NOOP("insights", "How well the model ranks: the chance it scores a customer who did it above "
                 "one who did not (0.5 = guessing, 1 = perfect).")),
    "accuracy": T(QT_TRANSLATE_NOOP("insights", "Share of customers whose class the model got right in "
                      "cross-validation.")),
    "base_rate": T(QT_TRANSLATE_NOOP("insights", "Share of customers who did it in the period the model learned "
                       "from.")),
    "trained_on": T(QT_TRANSLATE_NOOP("insights", "How many customers or deals the model learned from.")),
    "tested_on": T(QT_TRANSLATE_NOOP("insights", "How many it was tested on, none of them seen while learning.")),
    "sampled_from": T(QT_TRANSLATE_NOOP("insights", "There were this many: the model learned from a sample of them "
                          "that keeps the share who did it; every customer is scored.")),
    "holdout": T(QT_TRANSLATE_NOOP("insights", "How the quality was measured: on customers or a period the model had "
                     "not seen.")),
    "horizon": T(QT_TRANSLATE_NOOP("insights", "The prediction looks this many days ahead.")),
    "cutoff": T(QT_TRANSLATE_NOOP("insights", "The date the prediction is made from (the last order).")),
    "chosen_model": T(QT_TRANSLATE_NOOP("insights", "The model that ranked best on the test, used for the scores.")),
    "silhouette": T(QT_TRANSLATE_NOOP("insights", "How well separated the groups are, from -1 to 1 (above 0.5: "
                        "clearly apart).")),
    "k": T(QT_TRANSLATE_NOOP("insights", "Number of groups the method chose.")),
    "ari": T(QT_TRANSLATE_NOOP("insights", "How much the groups agree with the RFM segments (0 = chance, 1 = the "
                 "same).")),
    "pca": T(QT_TRANSLATE_NOOP("insights", "Share of the differences between customers the PCA picture shows.")),
    "bgnbd": T(QT_TRANSLATE_NOOP("insights", "A fitted parameter of the buying-frequency model (BG/NBD); read by "
                   "analysts.")),
    "gamma_gamma": T(QT_TRANSLATE_NOOP("insights", "A fitted parameter of the order-value model (Gamma-Gamma); read by "
                         "analysts.")),
    "discount": T(QT_TRANSLATE_NOOP("insights", "Future value counts less by this rate per year.")),
    "brier": T(QT_TRANSLATE_NOOP("insights", "Average squared error of the probabilities (0 = perfect).")),
    "mape": T(QT_TRANSLATE_NOOP("insights", "Average error of the monthly forecast in the back-test.")),
    "intercept": T(QT_TRANSLATE_NOOP("insights", "The model's starting point before any customer fact (log-odds).")),
    "log_likelihood": T(QT_TRANSLATE_NOOP("insights", "How well the fitted model matches the orders (higher is "
                            "better); read by analysts.")),
    "customers": T(QT_TRANSLATE_NOOP("insights", "How many customers the result covers.")),
    "p_alive": T(QT_TRANSLATE_NOOP("insights", "Average chance that a customer is still buying.")),
    "weighted": T(QT_TRANSLATE_NOOP("insights", "Open amounts weighted by their chance of being won.")),
}


def figure_meaning(name: str) -> str | None:
    """The :data:`FIGURES` key explaining a figure of an analysis' quality table, or None."""
    lowered = name.lower()
    prefixes = (("auc", "auc"), ("roc_auc", "auc"), ("silhouette", "silhouette"),
                ("bg/nbd", "bgnbd"), ("gamma-gamma", "gamma_gamma"), ("ari", "ari"),
                ("pca", "pca"), ("discount", "discount"), ("back-test", "mape"),
                ("brier", "brier"), ("holdout_trained", "trained_on"), ("holdout", "holdout"),
                ("mean_p_alive", "p_alive"), ("weighted", "weighted"))
    for prefix, key in prefixes:
        if lowered.startswith(prefix):
            return key
    exact = {"accuracy": "accuracy", "base_rate": "base_rate", "trained_on": "trained_on",
             "tested_on": "tested_on", "sampled_from": "sampled_from", "horizon_days": "horizon", "cutoff": "cutoff",
             "chosen_model": "chosen_model", "k": "k", "intercept": "intercept",
             "log_likelihood": "log_likelihood", "customers": "customers",
             "propensity_days": "horizon", "clusters": "k"}
    return exact.get(lowered)


# Who to contact today and why (services.today).
TODAY: dict[str, Template] = {
    "churn_risk": T(QT_TRANSLATE_NOOP("insights", "likely to stop buying ({0} risk), worth {1}"), "pm"),
    "task_due": T(QT_TRANSLATE_NOOP("insights", "follow-up due today: {0}"), "t"),
    "task_overdue": _n(QT_TRANSLATE_NOOP("insights", "follow-up overdue by %Ln days: {1}"), "nt", 0,
                       "follow-up overdue by %Ln day: {1}"),
    "stay_in_touch": _n(QT_TRANSLATE_NOOP("insights", "no contact for %Ln days (stay in touch every {1} days)"), "ni",
                        0, "no contact for %Ln day (stay in touch every {1} days)"),
    "never_in_touch": T(QT_TRANSLATE_NOOP("insights", "never contacted (stay in touch every {0} days)"), "i"),
    "deal_closing": _n(QT_TRANSLATE_NOOP("insights", "deal “{1}” ({2}) closes in %Ln days, no activity for {3} days"),
                       "ntmi", 0, "deal “{1}” ({2}) closes in %Ln day, no activity for {3} days"),
    "deal_overdue": _n(QT_TRANSLATE_NOOP("insights", "deal “{1}” ({2}) was due to close %Ln days ago"), "ntm", 0,
                       "deal “{1}” ({2}) was due to close %Ln day ago"),
    "complaint_open": _n(QT_TRANSLATE_NOOP("insights", "unresolved complaint, open for %Ln days: {1}"), "nt", 0,
                         "unresolved complaint, open for %Ln day: {1}"),
    "unhappy_ticket": _n(QT_TRANSLATE_NOOP("insights", "open ticket likely to leave them unhappy, open for %Ln days: "
                              "{1}"), "nt", 0,
                         "open ticket likely to leave them unhappy, open for %Ln day: {1}"),
    "next_product": T(QT_TRANSLATE_NOOP("insights", "could buy next: {0}"), "t"),
}

# Bands of a score the user selects at once (the "risk" / "band" columns of a result).
BANDS: dict[str, Template] = {
    "high": T(QT_TRANSLATE_NOOP("insights", "High risk")),
    "medium": T(QT_TRANSLATE_NOOP("insights", "Medium risk")),
    "low": T(QT_TRANSLATE_NOOP("insights", "Low risk")),
    "likely": T(QT_TRANSLATE_NOOP("insights", "Likely")),
    "possible": T(QT_TRANSLATE_NOOP("insights", "Possible")),
    "unlikely": T(QT_TRANSLATE_NOOP("insights", "Unlikely")),
}

# Where each group of keys lives: Sentence keys are "<group>:<key>" ("reason:no_order_days").
GROUPS: dict[str, dict[str, Template]] = {
    "reason": REASONS, "sign": SIGNS, "segment": SEGMENT_NAMES, "quality": QUALITY,
    "level": LEVELS, "summary": SUMMARIES, "figure": FIGURES, "today": TODAY,
    "band": BANDS,
    "format": {"numbered_segment": NUMBERED_SEGMENT, "quality_line": QUALITY_LINE},
}


def template(key: str) -> Template | None:
    """The template of a sentence key ``group:name`` (None for an unknown key)."""
    group, _sep, name = key.partition(":")
    return GROUPS.get(group, {}).get(name)
