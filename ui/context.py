"""What every page shares: the database, the UI thread's session, change signals, and a task runner.

Long work (imports, backups, PDFs, bundles) runs on a worker thread with its own Session, because an SQLite
connection belongs to one thread. Database tasks run one at a time on a single worker, as Anki's taskman does,
so two writes never race for the database lock and results arrive in the order they were asked for.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from app import crash_log
from app.errors import UserError
from app.session import Session
from ui import excepthook

log = logging.getLogger(__name__)

ProgressFn = Callable[..., None]


@dataclass(frozen=True)
class _Callbacks:
    on_done: Callable[[Any], None] | None
    on_error: Callable[[str], None] | None
    label: str
    quiet: bool = False


class _Relay(QObject):
    """One per context, living on the UI thread: a worker emits, Qt queues the call onto the UI thread.

    One long-lived relay rather than a QObject per task: no per-task object is created on one thread and
    deleted on another, and the connections go to the context's own methods, which Qt drops with it.
    """

    done = Signal(int, object)
    failed = Signal(int, str)
    crashed = Signal(int, str, str, object)  # summary, details, log file (Path | None)
    progress = Signal(int, int, int, str)


class Unexpected(str):
    """The message on_error receives when a task failed with a bug. The error dialog tells the user what happened,
    so a page shows this short message where it shows its results but opens no message box of its own."""


class _Task(QRunnable):
    def __init__(
        self,
        task_id: int,
        db_path: Path,
        operator: str,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        relay: _Relay,
    ) -> None:
        super().__init__()
        # The pool owns and deletes the runnable after run() returns: if Python dropped the last reference
        # while the worker was still finishing run(), the object would be freed under the worker's feet.
        self.setAutoDelete(True)
        self.task_id = task_id
        self.db_path = db_path
        self.operator = operator
        self.fn = fn
        self.args = args
        self.relay = relay

    def run(self) -> None:
        session: Session | None = None
        outcome: tuple[bool, Any]
        crash: tuple[str, str, Path | None] | None = None
        try:
            session = Session.open(self.db_path, operator=self.operator)
            kwargs: dict[str, Any] = {}
            if _accepts_progress(self.fn):
                kwargs["progress"] = self._progress
            outcome = (True, self.fn(session, *self.args, **kwargs))
        except UserError as exc:
            outcome = (False, str(exc))
        except Exception as exc:
            # A bug: its traceback goes to the log file now, and the error dialog opens on the UI thread.
            details = crash_log.details(exc)
            crash = (crash_log.summary(exc), details, crash_log.record(details))
            outcome = (False, crash[0])
        finally:
            if session is not None:
                session.close()
        # Reported last, after the session is closed: the UI may start the next task as soon as it hears.
        if crash is not None:
            self.relay.crashed.emit(self.task_id, *crash)
        elif outcome[0]:
            self.relay.done.emit(self.task_id, outcome[1])
        else:
            self.relay.failed.emit(self.task_id, outcome[1])

    def _progress(self, value: int, maximum: int = 0, label: str = "") -> None:
        self.relay.progress.emit(self.task_id, int(value), int(maximum), str(label))


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
        # The pool is made before the relay, so on destruction it is destroyed first and waits for a running
        # task before the relay that task reports to goes away.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._task_done)
        self._relay.failed.connect(self._task_failed)
        self._relay.crashed.connect(self._task_crashed)
        self._relay.progress.connect(self._task_progressed)
        self._callbacks: dict[int, _Callbacks] = {}
        self._next_id = 0
        self.change_source: QObject | None = None

    @property
    def busy(self) -> bool:
        """Work the user asked for is running (quiet bookkeeping tasks do not count)."""
        return any(not c.quiet for c in self._callbacks.values())

    @property
    def pending_tasks(self) -> int:
        return len(self._callbacks)

    def run_task(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        progress_label: str = "",
        quiet: bool = False,
    ) -> None:
        """Run fn(session, *args[, progress=...]) on the worker; on_done(result) or on_error(message) follow
        on the UI thread. progress(value, maximum=0, label="") may be called by fn as often as it likes.
        A quiet task (the window's own bookkeeping) does not show in the status bar's progress."""
        self._next_id += 1
        task_id = self._next_id
        self._callbacks[task_id] = _Callbacks(on_done, on_error, progress_label, quiet)
        task = _Task(task_id, self.db_path, self.session.operator, fn, args, self._relay)
        if not quiet:
            self.task_started.emit(progress_label)
        self._pool.start(task)

    def _task_done(self, task_id: int, result: Any) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or not callbacks.quiet:
            self.task_finished.emit()
        if callbacks is not None and callbacks.on_done is not None and _receiver_alive(callbacks.on_done):
            callbacks.on_done(result)

    def _task_failed(self, task_id: int, message: str) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or not callbacks.quiet:
            self.task_finished.emit()
        if callbacks is not None and callbacks.on_error is not None:
            if _receiver_alive(callbacks.on_error):
                callbacks.on_error(message)
        else:
            log.warning("task failed: %s", message)

    def _task_crashed(self, task_id: int, summary: str, details: str, log_file: Path | None) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or not callbacks.quiet:
            self.task_finished.emit()
        excepthook.show(summary, details, log_file, callbacks.label if callbacks else "")
        if callbacks is not None and callbacks.on_error is not None and _receiver_alive(callbacks.on_error):
            message = QCoreApplication.translate("ErrorDialog", "Not done: an unexpected error occurred.")
            callbacks.on_error(Unexpected(message))

    def _task_progressed(self, task_id: int, value: int, maximum: int, label: str) -> None:
        callbacks = self._callbacks.get(task_id)
        if callbacks is not None and callbacks.quiet:
            return
        self.task_progress.emit(label or (callbacks.label if callbacks else ""), value, maximum)

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


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """A result that arrives after its page or window was closed has nowhere to go: a method of a deleted
    widget would raise (or crash) on its first attribute access, so such a callback is dropped."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
