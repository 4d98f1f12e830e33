"""The pages of the main window, in navigation order: one table to plug a page in.

`class_path` is "module:Class" (modules are named `<name>_page.py`) of a `pages.base.Page` subclass, imported the first time the page
is shown (so start-up imports none of them). While a module does not exist yet, the main window
shows `placeholder` instead (see pages/placeholders.py). Titles are translated at display time
(context "pages"); the objectName and accessibleName of a page are `<name>Page`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class PageEntry:
    name: str  # "customers" -> objectName "customersPage", `crm-desktop screenshot --page`
    title: str  # source text, translated with QCoreApplication.translate("pages", title)
    class_path: str  # "crm_desktop.ui.pages.customers_page:CustomersPage"
    icon: str = ""  # QStyle.StandardPixmap name used in the navigation list
    placeholder: str = "crm_desktop.ui.pages.placeholders:ComingSoonPage"
    # "module:function" run in a worker before the page is first built from the navigation
    # (heavy imports), so opening the page never freezes the window.
    prepare: str = ""


_CHARTS = "crm_desktop.ui.chart_warmup:warm_up"

PAGES: tuple[PageEntry, ...] = (
    PageEntry("dashboard", QT_TRANSLATE_NOOP("pages", "Dashboard"),
              "crm_desktop.ui.pages.dashboard_page:DashboardPage", "SP_ComputerIcon",
              prepare=_CHARTS),
    PageEntry("customers", QT_TRANSLATE_NOOP("pages", "Customers"),
              "crm_desktop.ui.pages.customers_page:CustomersPage", "SP_DirHomeIcon"),
    PageEntry("pipeline", QT_TRANSLATE_NOOP("pages", "Pipeline"),
              "crm_desktop.ui.pages.pipeline_page:PipelinePage", "SP_ArrowRight"),
    PageEntry("sales", QT_TRANSLATE_NOOP("pages", "Quotes & Orders"),
              "crm_desktop.ui.pages.sales_page:SalesPage", "SP_FileDialogDetailedView"),
    PageEntry("campaigns", QT_TRANSLATE_NOOP("pages", "Campaigns"),
              "crm_desktop.ui.pages.campaigns_page:CampaignsPage", "SP_MediaVolume"),
    PageEntry("tickets", QT_TRANSLATE_NOOP("pages", "Tickets"),
              "crm_desktop.ui.pages.tickets_page:TicketsPage", "SP_MessageBoxQuestion"),
    PageEntry("activities", QT_TRANSLATE_NOOP("pages", "Activities"),
              "crm_desktop.ui.pages.activities_page:ActivitiesPage", "SP_FileDialogListView"),
    PageEntry("graph", QT_TRANSLATE_NOOP("pages", "Relationship graph"),
              "crm_desktop.ui.pages.graph_page:GraphPage", "SP_DriveNetIcon"),
    PageEntry("analytics", QT_TRANSLATE_NOOP("pages", "Analytics"),
              "crm_desktop.ui.pages.analytics_page:AnalyticsPage", "SP_FileDialogInfoView",
              prepare=_CHARTS),
)

# Which page shows a record of each entity (global search, AppContext.open_record).
ENTITY_PAGES = {
    "customers": "customers", "opportunities": "pipeline", "quotes": "sales",
    "orders": "sales", "contracts": "sales", "campaigns": "campaigns", "tickets": "tickets",
    "interactions": "activities",
}


def page_entry(name: str) -> PageEntry:
    for entry in PAGES:
        if entry.name == name:
            return entry
    raise KeyError(name)
