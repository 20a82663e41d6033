"""What every page shares: the database, the UI thread's session, change signals, and a task runner.

Long work (imports, backups, PDFs, bundles) runs on a worker thread with its own Session, because an SQLite
connection belongs to one thread. Database tasks run one at a time on a single worker, as Anki's taskman does,
so two writes never race for the database lock and results arrive in the order they were asked for.
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.errors import UserError
from app.session import Session

log = logging.getLogger(__name__)

ProgressFn = Callable[..., None]


class _TaskSignals(QObject):
    """Lives on the UI thread; a worker emits, Qt queues the call onto the UI thread."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)


class _Task(QRunnable):
    def __init__(
        self,
        db_path: Path,
        operator: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        signals: _TaskSignals,
    ) -> None:
        super().__init__()
        # The pool owns and deletes the runnable after run() returns: if Python dropped the last reference
        # while the worker was still finishing run(), the object would be freed under the worker's feet.
        self.setAutoDelete(True)
        self.db_path = db_path
        self.operator = operator
        self.fn = fn
        self.args = args
        self.signals = signals

    def run(self) -> None:
        session: Session | None = None
        try:
            session = Session.open(self.db_path, operator=self.operator)
            kwargs: dict[str, Any] = {}
            if _accepts_progress(self.fn):
                kwargs["progress"] = self._progress
            result = self.fn(session, *self.args, **kwargs)
        except UserError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # a bug: keep the traceback in the log, tell the user in one line
            log.error("task %s failed:\n%s", getattr(self.fn, "__name__", self.fn), traceback.format_exc())
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.done.emit(result)
        finally:
            if session is not None:
                session.close()

    def _progress(self, value: int, maximum: int = 0, label: str = "") -> None:
        self.signals.progress.emit(int(value), int(maximum), str(label))


def _accepts_progress(fn: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "progress" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


class AppContext(QObject):
    """Handed to every page. Pages talk to each other only through these signals."""

    data_changed = Signal(str)  # a table name, or "" for everything
    language_changed = Signal()
    settings_changed = Signal()
    # The window shows these in its status bar: (label, value, maximum); maximum 0 means "busy, no count".
    task_started = Signal(str)
    task_progress = Signal(str, int, int)
    task_finished = Signal()

    def __init__(self, db_path: Path, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.session = session
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending = 0
        self.change_source: QObject | None = None

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run_task(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        progress_label: str = "",
    ) -> None:
        """Run fn(session, *args[, progress=...]) on the worker; on_done(result) or on_error(message) follow
        on the UI thread. progress(value, maximum=0, label="") may be called by fn as often as it likes."""
        signals = _TaskSignals(self)
        task = _Task(self.db_path, self.session.operator, fn, args, signals)
        self._pending += 1

        def finish() -> None:
            self._pending -= 1
            signals.deleteLater()
            self.task_finished.emit()

        def done(result: Any) -> None:
            finish()
            if on_done is not None:
                on_done(result)

        def failed(message: str) -> None:
            finish()
            if on_error is not None:
                on_error(message)
            else:
                log.warning("task failed: %s", message)

        def progressed(value: int, maximum: int, label: str) -> None:
            self.task_progress.emit(label or progress_label, value, maximum)

        signals.done.connect(done)
        signals.failed.connect(failed)
        signals.progress.connect(progressed)
        self.task_started.emit(progress_label)
        self._pool.start(task)

    def wait_for_tasks(self, msecs: int = -1) -> bool:
        """Block until the worker is idle (on quit, and in tests). Queued results still need the event loop."""
        return bool(self._pool.waitForDone(msecs))

    def notify_changed(self, table: str = "", source: QObject | None = None) -> None:
        """Tell every page that `table` changed. A page that wrote and already refreshed itself passes itself as
        source, so the window does not refresh it twice."""
        self.change_source = source
        try:
            self.data_changed.emit(table)
        finally:
            self.change_source = None
