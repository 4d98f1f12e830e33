"""Dashboard tiles that fill themselves: when no churn scores, lifetime values or influence
scores are stored, run those analyses (with their default settings) and store their results,
so the dashboard never asks the user to go elsewhere first. The page calls
:func:`fill_missing` in the background after showing what it has, then loads again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crm_desktop.storage.changes import Changes

if TYPE_CHECKING:
    from crm_desktop.analytics import CancelFn, ProgressFn
    from crm_desktop.storage.database import Database
    from crm_desktop.storage.frame_cache import FrameCache

FILLABLE = ("churn", "clv", "influencers")
#: The kinds whose analysis loads its own frames rather than through the process' cache:
#: they let go of the orders frame once they took the paid orders from it, which a cached
#: frame would not (the fill empties the cache after each analysis anyway).
OWN_FRAMES = ("churn", "clv")


def missing(data: dict[str, Any]) -> list[str]:
    """The charts of dashboard_figures' data that have nothing stored to show."""
    empty = {"churn": not data.get("churn", {}).get("counts"),
             "clv": not data.get("clv", {}).get("counts"),
             "influencers": not data.get("influencers", {}).get("x")}
    return [kind for kind in FILLABLE if empty[kind]]


def fill_missing(database: Database, kinds: list[str], progress: ProgressFn | None = None,
                 cancelled: CancelFn | None = None,
                 frames: FrameCache | None = None) -> tuple[list[str], list[str], Changes]:
    """Run and store the analyses behind ``kinds``; returns the kinds filled, those that
    could not be (too little data: the reason as one line each) and what changed."""
    import warnings

    from crm_desktop.services.analyses.apply import apply_outcome
    from crm_desktop.services.analyses.parameters import AnalysisError
    from crm_desktop.services.analyses.run import run_analysis

    filled: list[str] = []
    failed: list[str] = []
    changes = Changes()
    if frames is not None:
        # The dashboard's frames (deals, campaigns, tickets...) are of no use to these
        # analyses, nor after them: storing a result changes the database, and the cache
        # reloads what the dashboard asks for next. Those the analyses read too (tickets,
        # surveys) would be loaded again with the columns of both (the dashboard's texts of
        # tickets held through the churn fit): the analyses load only theirs.
        frames.release()
    share = 1 / max(1, len(kinds))
    for i, kind in enumerate(kinds):
        if progress is not None:
            progress(i * share, kind)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if kind == "influencers":
                    from crm_desktop.services.graph import network

                    if frames is not None:
                        frames.release()  # the network reads no frame (at 1M: hundreds of MB)
                    found = network(database, cancelled=cancelled, names=False)
                    changes = changes | Changes.of("analytics_results")
                    if not len(found.metrics):
                        failed.append(f"{kind}: no relationships recorded")
                        continue
                else:
                    # only stored: the rows need no customer names. Churn reads its frames
                    # itself, not through the cache: it lets go of the orders frame once it
                    # took the paid orders from it, which a cached frame would not (at a
                    # million customers 130 MB through its fits and scoring)
                    outcome = run_analysis(database, kind, None, cancelled=cancelled,
                                           frames=None if kind in OWN_FRAMES else frames,
                                           named=False,
                                           progress=_part(progress, i * share, share, kind))
                    changes = changes | apply_outcome(database, outcome).changes
                    del outcome
                    if frames is not None:
                        # Storing the result changed the database: the cache would load every
                        # frame again at its next use, so its frames go now rather than stay
                        # through the next analysis (the network, or the lifetime value's)
                        frames.release()
        except AnalysisError as error:
            failed.append(f"{kind}: {error}")
            continue
        filled.append(kind)
    return filled, failed, changes


def _part(progress: ProgressFn | None, start: float, share: float,
          kind: str) -> ProgressFn | None:
    """The progress of one kind's analysis as its share of the whole fill (its steps named
    after the kind: "churn: Loading orders")."""
    if progress is None:
        return None
    report = progress

    def forward(fraction: float, message: str = "") -> None:
        report(start + share * fraction, f"{kind}: {message}")

    return forward
