"""The pages of the main window, in navigation order.

Every page is part of the build: each entry names its class through a real import, and a page that fails to
import is a bug that is raised, not hidden. The import runs when the page is first opened, so start-up loads
only the dashboard (all eight pages, the report preview's PDF toolkit included, double the window's imports).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ui.context import AppContext
from ui.pages.base import Page
from ui.translations import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str  # English source (QT_TRANSLATE_NOOP), translated in the "Navigation" context
    page_class: Callable[[], type[Page]]  # imports the page's module and returns its class
    icon: str  # a name in resources/icons (svg)


def _dashboard() -> type[Page]:
    from ui.pages.dashboard_page import DashboardPage

    return DashboardPage


def _reception() -> type[Page]:
    from ui.pages.reception_page import ReceptionPage

    return ReceptionPage


def _visits() -> type[Page]:
    from ui.pages.visits_page import VisitsPage

    return VisitsPage


def _items() -> type[Page]:
    from ui.pages.items_page import ItemsPage

    return ItemsPage


def _deputies() -> type[Page]:
    from ui.pages.deputies_page import DeputiesPage

    return DeputiesPage


def _reports() -> type[Page]:
    from ui.pages.reports_page import ReportsPage

    return ReportsPage


def _sync() -> type[Page]:
    from ui.pages.sync_page import SyncPage

    return SyncPage


def _settings() -> type[Page]:
    from ui.pages.settings_page import SettingsPage

    return SettingsPage


PAGES: tuple[PageEntry, ...] = (
    PageEntry("dashboard", QT_TRANSLATE_NOOP("Navigation", "Dashboard"), _dashboard, "dashboard"),
    PageEntry("reception", QT_TRANSLATE_NOOP("Navigation", "Reception days"), _reception, "calendar"),
    PageEntry("visits", QT_TRANSLATE_NOOP("Navigation", "Visits"), _visits, "visits"),
    PageEntry("items", QT_TRANSLATE_NOOP("Navigation", "Sentiment items"), _items, "items"),
    PageEntry("deputies", QT_TRANSLATE_NOOP("Navigation", "Deputies"), _deputies, "deputies"),
    PageEntry("reports", QT_TRANSLATE_NOOP("Navigation", "Reports"), _reports, "reports"),
    PageEntry("sync", QT_TRANSLATE_NOOP("Navigation", "Data exchange"), _sync, "sync"),
    PageEntry("settings", QT_TRANSLATE_NOOP("Navigation", "Settings"), _settings, "settings"),
)


def build_page(entry: PageEntry, ctx: AppContext) -> Page:
    return entry.page_class()(ctx)
