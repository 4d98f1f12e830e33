"""The pages of the main window, in navigation order: one table to plug a page in.

Each entry's `load` is a small function that imports the page's module and returns its
`pages.base.Page` subclass. The main window calls it the first time the page is shown (and a
worker calls it a little after start-up to warm the modules up), so start-up imports no page
module, while every import stays a real one that import-linter and mypy see. `prepare`, when
given, runs in a worker before the page is first built from the navigation (heavy imports), so
opening the page never freezes the window. Titles are translated at display time (context
"pages"); the objectName and accessibleName of a page are `<name>Page`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crm_desktop.ui.qt_typed import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from crm_desktop.storage.database import Database
    from crm_desktop.ui.pages.base import Page


@dataclass(frozen=True)
class PageEntry:
    name: str  # "customers" -> objectName "customersPage", `crm-desktop screenshot --page`
    title: str  # source text, translated with QCoreApplication.translate("pages", title)
    load: Callable[[], type[Page]]  # imports the page's module, returns the page class
    prepare: Callable[[], None] | None = None  # run in a worker before the first build
    # A read the build makes on the GUI thread, made first in the warm-up worker: SQLAlchemy
    # compiles a statement once per process (then it is a cache hit), 15-20 ms of the build.
    warm_read: Callable[[Database], object] | None = None


def _dashboard() -> type[Page]:
    from crm_desktop.ui.dashboard.dashboard_page import DashboardPage

    return DashboardPage


def _today() -> type[Page]:
    from crm_desktop.ui.today.today_page import TodayPage

    return TodayPage


def _customers() -> type[Page]:
    from crm_desktop.ui.customers.customers_page import CustomersPage

    return CustomersPage


def _pipeline() -> type[Page]:
    from crm_desktop.ui.pipeline.pipeline_page import PipelinePage

    return PipelinePage


def _sales() -> type[Page]:
    from crm_desktop.ui.sales.sales_page import SalesPage

    return SalesPage


def _reports() -> type[Page]:
    from crm_desktop.ui.reports.reports_page import ReportsPage

    return ReportsPage


def _campaigns() -> type[Page]:
    from crm_desktop.ui.campaigns.campaigns_page import CampaignsPage

    return CampaignsPage


def _tickets() -> type[Page]:
    from crm_desktop.ui.tickets.tickets_page import TicketsPage

    return TicketsPage


def _activities() -> type[Page]:
    from crm_desktop.ui.activities.activities_page import ActivitiesPage

    return ActivitiesPage


def _graph() -> type[Page]:
    from crm_desktop.ui.graph.graph_page import GraphPage

    return GraphPage


def _analytics() -> type[Page]:
    from crm_desktop.ui.analytics.analytics_page import AnalyticsPage

    return AnalyticsPage


def _warm_up_charts() -> None:
    from crm_desktop.ui.charts.chart_warmup import warm_up

    warm_up()


def _prepare_analytics() -> None:
    """The charts, and the modules the page's build imports where they are used (the result's
    actions and segment tools, the frame model: pandas): imported on the GUI thread while the
    page was built, they made its longest step (60-70 ms of the GUI thread)."""
    _warm_up_charts()
    from crm_desktop.services.insights import cells
    from crm_desktop.ui.analytics import frame_model, insight_text, result_actions, segment_tools

    del cells, frame_model, insight_text, result_actions, segment_tools


def _prepare_pipeline() -> None:
    """What the board's target line imports when it first measures (services.targets.progress:
    pandas and the target analytics): imported in its worker as the board was built, pandas'
    import held the GIL and made the longest GUI-thread gap of the page's first switch
    (280-290 ms at 100k customers)."""
    from crm_desktop.services.targets import progress_modules
    from crm_desktop.ui.reports import target_views

    progress_modules()
    del target_views


def _pipeline_stages(database: Database) -> object:
    """The pipeline page's stage choices (the default pipeline is made on first use)."""
    from crm_desktop.services import pipeline

    return pipeline.stages(database)


PAGES: tuple[PageEntry, ...] = (
    PageEntry("dashboard", QT_TRANSLATE_NOOP("pages", "Dashboard"), _dashboard, prepare=_warm_up_charts),
    PageEntry("today", QT_TRANSLATE_NOOP("pages", "Today"), _today),
    PageEntry("customers", QT_TRANSLATE_NOOP("pages", "Customers"), _customers),
    PageEntry("pipeline", QT_TRANSLATE_NOOP("pages", "Pipeline"), _pipeline,
              prepare=_prepare_pipeline, warm_read=_pipeline_stages),
    PageEntry("sales", QT_TRANSLATE_NOOP("pages", "Quotes & Orders"), _sales),
    PageEntry("reports", QT_TRANSLATE_NOOP("pages", "Targets & reports"), _reports,
              prepare=_warm_up_charts),
    PageEntry("campaigns", QT_TRANSLATE_NOOP("pages", "Campaigns"), _campaigns),
    PageEntry("tickets", QT_TRANSLATE_NOOP("pages", "Tickets"), _tickets),
    PageEntry("activities", QT_TRANSLATE_NOOP("pages", "Activities"), _activities),
    PageEntry("graph", QT_TRANSLATE_NOOP("pages", "Relationship graph"), _graph),
    PageEntry("analytics", QT_TRANSLATE_NOOP("pages", "Analytics"), _analytics,
              prepare=_prepare_analytics),
)

# Which page shows a record of each entity (global search, AppContext.open_record).
ENTITY_PAGES = {
    "customers": "customers", "opportunities": "pipeline", "quotes": "sales",
    "orders": "sales", "contracts": "sales", "campaigns": "campaigns", "tickets": "tickets",
    "interactions": "activities",
}
