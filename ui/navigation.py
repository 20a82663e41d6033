"""The pages of the main window, in navigation order. Each loads its module only when first opened,
which keeps start-up fast; a page owned by a later release is imported guardedly and replaced by a
placeholder when absent, so the window always runs."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.context import AppContext
from ui.pages.base import Page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: object  # English source (QT_TRANSLATE_NOOP), translated in the "Navigation" context
    module: str
    class_name: str
    icon: str  # a name in resources/icons (svg)


PAGES: tuple[PageEntry, ...] = (
    PageEntry(
        "dashboard",
        QT_TRANSLATE_NOOP("Navigation", "Dashboard"),
        "ui.pages.dashboard_page",
        "DashboardPage",
        "dashboard",
    ),
    PageEntry(
        "reception",
        QT_TRANSLATE_NOOP("Navigation", "Reception days"),
        "ui.pages.reception_page",
        "ReceptionPage",
        "calendar",
    ),
    PageEntry(
        "visits", QT_TRANSLATE_NOOP("Navigation", "Visits"), "ui.pages.visits_page", "VisitsPage", "visits"
    ),
    PageEntry(
        "items",
        QT_TRANSLATE_NOOP("Navigation", "Sentiment items"),
        "ui.pages.items_page",
        "ItemsPage",
        "items",
    ),
    PageEntry(
        "deputies",
        QT_TRANSLATE_NOOP("Navigation", "Deputies"),
        "ui.pages.deputies_page",
        "DeputiesPage",
        "deputies",
    ),
    PageEntry(
        "reports",
        QT_TRANSLATE_NOOP("Navigation", "Reports"),
        "ui.pages.reports_page",
        "ReportsPage",
        "reports",
    ),
    PageEntry(
        "sync", QT_TRANSLATE_NOOP("Navigation", "Data exchange"), "ui.pages.sync_page", "SyncPage", "sync"
    ),
    PageEntry(
        "settings",
        QT_TRANSLATE_NOOP("Navigation", "Settings"),
        "ui.pages.settings_page",
        "SettingsPage",
        "settings",
    ),
)


def build_page(entry: PageEntry, ctx: AppContext) -> Page:
    from ui.pages.placeholder_page import PlaceholderPage

    if importlib.util.find_spec(entry.module) is None:
        log.info("page %s not in this build", entry.key)
        return PlaceholderPage(ctx, entry.title)
    try:
        module = importlib.import_module(entry.module)
        factory: Callable[[AppContext], Page] = getattr(module, entry.class_name)
        return factory(ctx)
    except Exception:  # one broken page must not keep the clerk out of the others
        log.exception("page %s failed to load", entry.key)
        return PlaceholderPage(ctx, entry.title)
