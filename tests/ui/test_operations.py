"""Changes run on the database worker: the window keeps answering while an import holds the database, and
every page hears exactly what changed."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QTimer

from app.errors import UserError
from app.operations import Changes
from app.services import visits as visit_service
from app.session import Session
from ui.context import AppContext
from ui.pages.visits_page import VisitsPage

from .conftest import type_text


def _hold_write_lock(session: Session, started: threading.Event, release: threading.Event) -> float:
    """What a long import does to the database: it holds the write lock until it is done."""
    session.db.execute("BEGIN IMMEDIATE")
    session.db.execute("UPDATE change_counter SET value = value WHERE id = 1")
    started.set()
    release.wait(timeout=30)
    session.db.execute("COMMIT")
    return time.monotonic()


def test_a_save_while_an_import_holds_the_database_waits_without_freezing_the_window(
    qtbot: Any, ctx: AppContext
) -> None:
    page = VisitsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    started, release = threading.Event(), threading.Event()
    finished_at: list[float] = []
    ctx.run_task(_hold_write_lock, started, release, on_done=finished_at.append)
    assert started.wait(10)

    # The event loop's heartbeat while the clerk's save waits behind the import.
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    last = [0]

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heart = QTimer()
    heart.setInterval(10)
    heart.timeout.connect(beat)
    heart.start()
    # The import finishes 1.5 s after the clerk presses save.
    QTimer.singleShot(1500, release.set)

    type_text(qtbot, page.form.visitor, "张秀英")
    type_text(qtbot, page.form.raised, "小区电梯加装进度缓慢")
    assert page.form.save_button.isEnabled()
    pressed = time.monotonic()
    saved = page.save()
    saved_at = time.monotonic()
    heart.stop()

    assert saved, page.form.errors.message_for("raised")
    assert page.form.status.text() == "已保存。"
    assert saved_at - pressed >= 1.4  # it really waited for the import …
    qtbot.waitUntil(lambda: bool(finished_at))
    assert finished_at[0] <= saved_at  # … and was written after it
    assert len(gaps) > 50 and max(gaps[1:]) < 100, f"longest pause of the event loop: {max(gaps)} ms"
    assert page.model.total_count() == 1
    assert (page.model.object_at(0) or {})["visitor_name"] == "张秀英"
    assert page.form.save_button.isEnabled()


def test_write_controls_are_disabled_while_a_change_runs_and_a_second_change_is_refused(
    qtbot: Any, ctx: AppContext
) -> None:
    page = VisitsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    seen: list[tuple[bool, str]] = []

    def during() -> None:
        seen.append((page.form.save_button.isEnabled(), ""))
        try:
            ctx.apply(visit_service.create, date="2026-12-01", raised="第二件")
        except UserError as exc:
            seen.append((False, str(exc)))

    QTimer.singleShot(0, during)
    ctx.apply(_slow_create, "第一件")
    assert seen == [(False, ""), (False, "上一项修改还在保存，请稍候再试")]
    assert page.form.save_button.isEnabled()
    rows = ctx.session.db.execute("SELECT raised FROM visits ORDER BY raised").fetchall()
    assert rows == [("第一件",)]


def _slow_create(session: Session, raised: str) -> str:
    time.sleep(0.3)  # long enough for the UI thread's timer to fire while this change runs
    return visit_service.create(session, date="2026-12-01", raised=raised)


def test_a_change_reports_the_tables_and_records_it_wrote(qtbot: Any, ctx: AppContext) -> None:
    heard: list[Changes] = []
    ctx.changed.connect(heard.append)
    uuid = ctx.apply(visit_service.create, date="2026-12-01", raised="路灯不亮")
    assert len(heard) == 1
    assert "visits" in heard[0].tables and uuid in heard[0].records
    assert not heard[0].untracked
    ctx.apply(visit_service.delete, uuid)
    assert heard[-1].tables >= {"visits"} and uuid in heard[-1].records


def test_a_refused_change_raises_the_users_error_and_changes_nothing(qtbot: Any, ctx: AppContext) -> None:
    heard: list[Changes] = []
    ctx.changed.connect(heard.append)
    with pytest.raises(UserError) as refused:
        ctx.apply(visit_service.create, date="2026-12-01", raised="有问题", phone="138123456789")
    assert "手机号码“138123456789”" in str(refused.value)
    assert heard == []
    assert ctx.session.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0
