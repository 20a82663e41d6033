"""The main window: navigation, the status bar, shortcuts, and switching the language live."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from app import settings
from db import clock
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.navigation import PAGES
from ui.pages.dashboard_page import DashboardPage
from ui.pages.settings_page import SettingsPage
from ui.pages.visits_page import VisitsPage

from .conftest import answer_next_message_box


def _window(qtbot: Any, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_navigation_lists_every_page_in_chinese_and_opens_each(qtbot: Any, demo_ctx: AppContext) -> None:
    window = _window(qtbot, demo_ctx)
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels == ["工作台", "接待日", "来访登记", "社情民意", "代表", "报表", "数据同步", "设置"]
    for entry in PAGES:
        page = window.show_page(entry.key)
        assert window.current_page() is page
        assert isinstance(page, entry.page_class())
    assert isinstance(window.pages["visits"], VisitsPage)
    demo_ctx.wait_for_tasks()


def test_status_bar_shows_database_operator_and_unexported_records(qtbot: Any, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    assert str(ctx.db_path) in window.database_label.text()
    assert "测试员" in window.operator_label.text()
    qtbot.waitUntil(lambda: window.unexported is not None)
    before = window.unexported
    assert before is not None and f"未导出：{before} 条记录" == window.unexported_label.text()
    page = window.show_page("visits")
    assert isinstance(page, VisitsPage)
    page.form.raised.setPlainText("小区门口积水")
    assert page.save()
    qtbot.waitUntil(lambda: window.unexported != before)
    assert window.unexported is not None and window.unexported > before
    settings.LAST_EXPORTED_SEQ.set(ctx.session.db, 10**9)  # as if a bundle had just been exported
    window.update_status()
    qtbot.waitUntil(lambda: window.unexported == 0)
    assert window.unexported_label.text() == "未导出：0 条记录"
    ctx.wait_for_tasks()


def test_ctrl_n_and_ctrl_f_reach_the_current_page(qtbot: Any, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    page = window.show_page("visits")
    assert isinstance(page, VisitsPage)
    page.form.raised.setPlainText("草稿")
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    answer_next_message_box(QMessageBox.StandardButton.Discard)
    window.new_action.trigger()
    assert page.form.raised.toPlainText() == ""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.find_action.trigger()
    assert QApplication.focusWidget() is page.search
    ctx.wait_for_tasks()


def test_switching_the_language_retranslates_the_whole_window(qtbot: Any, demo_ctx: AppContext) -> None:
    window = _window(qtbot, demo_ctx)
    visits = window.show_page("visits")
    assert isinstance(visits, VisitsPage)
    settings_page = window.show_page("settings")
    assert isinstance(settings_page, SettingsPage)
    settings_page.language.setCurrentIndex(settings_page.language.findData("en"))
    qtbot.mouseClick(settings_page.save_button, Qt.MouseButton.LeftButton)

    assert window.navigation.item(0).text() == "Dashboard"
    assert window.navigation.item(3).text() == "Sentiment items"
    assert settings_page.save_button.text() == "Save"
    assert visits.form.save_button.text() == "Save"
    assert visits.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert "Operator" in window.operator_label.text()
    assert settings.LANGUAGE.get(demo_ctx.session.db) == "en"

    settings_page.language.setCurrentIndex(settings_page.language.findData("zh_CN"))
    settings_page.save()
    assert window.navigation.item(0).text() == "工作台"
    assert visits.form.save_button.text() == "保存"
    demo_ctx.wait_for_tasks()


def test_dashboard_shows_this_months_figures_and_filled_charts(qtbot: Any, demo_ctx: AppContext) -> None:
    window = _window(qtbot, demo_ctx)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.loads >= 1, timeout=10_000)
    assert page.data is not None
    month = page.data["month"]
    assert page.figures["person_visits"].value.text() == str(month["person_visits"])
    assert page.figures["reception_days"].value.text() == str(month["reception_days"])
    year_visits = sum(v for _, v in page.data["by_month"])
    assert year_visits > 0
    assert page.month_chart.total() == year_visits
    assert page.status_chart.total() == page.data["year"]["sentiment_items"] > 0
    assert page.category_chart.total() > 0
    assert page.overdue_table.rowCount() == len(page.data["overdue"])


def test_double_clicking_an_overdue_item_opens_it(qtbot: Any, demo_ctx: AppContext) -> None:
    window = _window(qtbot, demo_ctx)
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(lambda: dashboard.loads >= 1, timeout=10_000)
    assert dashboard.overdue_table.rowCount() > 0
    dashboard.overdue_table.setCurrentCell(0, 1)
    uuid = dashboard.selected_overdue_uuid()
    dashboard.overdue_table.cellDoubleClicked.emit(0, 1)
    items = window.current_page()
    assert items is window.pages["items"]
    assert getattr(items, "current", {})["uuid"] == uuid
    demo_ctx.wait_for_tasks()


def test_shortcuts_on_the_dashboard_go_where_the_work_is(qtbot: Any, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    assert window.current_page() is window.pages["dashboard"]
    window.new_action.trigger()
    assert window.current_page() is window.pages["visits"]
    window.show_page("dashboard")
    window.find_action.trigger()
    assert window.current_page() is window.pages["items"]
    ctx.wait_for_tasks()


def test_plan_a_reception_day_from_the_dashboard(qtbot: Any, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    qtbot.mouseClick(dashboard.plan_button, Qt.MouseButton.LeftButton)
    reception = window.current_page()
    assert reception is window.pages["reception"]
    assert getattr(reception, "editing", "x") is None
    ctx.wait_for_tasks()


def test_overdue_headers_fit_their_capitals_in_english(qtbot: Any, demo_ctx: AppContext) -> None:
    """The theme prints headers in capitals with 20 px padding each side: "WAITING SINCE" must fit."""
    from ui import translations

    window = _window(qtbot, demo_ctx)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.loads >= 1, timeout=10_000)
    translations.install("en")
    demo_ctx.language_changed.emit()
    header = page.overdue_table.horizontalHeader()
    for column in (0, 2, 3):
        label = page.overdue_table.horizontalHeaderItem(column).text()
        assert label in ("Number", "Step", "Waiting since")
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(label.upper()) + 40


def test_the_category_chart_names_uncategorised_items_in_english(qtbot: Any, ctx: AppContext) -> None:
    from PySide6.QtCharts import QBarCategoryAxis

    from app.services import items
    from ui import translations

    items.create(ctx.session, date=clock.today().isoformat(), title="路灯不亮", content="")
    window = _window(qtbot, ctx)
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.loads >= 1, timeout=10_000)

    def labels() -> list[str]:
        axes = [a for a in page.category_chart.chart().axes() if isinstance(a, QBarCategoryAxis)]
        return [label for axis in axes for label in axis.categories()]

    assert labels() == ["未分类"]
    translations.install("en")
    ctx.language_changed.emit()
    assert labels() == ["Uncategorised"]
