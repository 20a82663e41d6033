"""What every page shares: the database, the UI thread's session, change signals, and a task runner.

Long work (imports, backups, PDFs, bundles) runs on a worker thread with its own Session, because an SQLite
connection belongs to one thread. Database tasks run one at a time on a single worker, as Anki's taskman does,
so two writes never race for the database lock and results arrive in the order they were asked for.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QRunnable, QThreadPool, Signal

from app import crash_log, storage, undo
from app.errors import UserError
from app.i18n import Text, text
from app.operations import Changes, Outcome, perform
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
    failed = Signal(int, object)  # the UserError, as raised
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
            outcome = (False, exc)
        except Exception as exc:
            told = storage.explain(exc, self.db_path)  # busy, damaged, a full disk: the clerk's to act on
            if told is not None:
                outcome = (False, UserError(told))
            else:
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

    changed = Signal(object)  # app.operations.Changes: what a committed change touched
    writing = Signal(bool)  # an operation is running: write controls are disabled until it ends
    undo_changed = Signal()  # the change Ctrl+Z would take back is another one (or none)
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
        self._applying = False
        # The changes made in this window, newest last, each as (what it did, its change sequence numbers).
        self._undo_steps: list[tuple[Text, tuple[int, ...]]] = []
        # Tasks run by apply(): their outcome or error goes to the waiting event loop, not to a callback.
        self._applied: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}
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
        if task_id in self._applied:
            self._callbacks.pop(task_id, None)
            self._applied.pop(task_id)[0](result)
            return
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or not callbacks.quiet:
            self.task_finished.emit()
        if callbacks is not None and callbacks.on_done is not None and _receiver_alive(callbacks.on_done):
            callbacks.on_done(result)

    def _task_failed(self, task_id: int, error: UserError) -> None:
        if task_id in self._applied:
            self._callbacks.pop(task_id, None)
            self._applied.pop(task_id)[1](error)
            return
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks is None or not callbacks.quiet:
            self.task_finished.emit()
        message = str(error)
        if callbacks is not None and callbacks.on_error is not None:
            if _receiver_alive(callbacks.on_error):
                callbacks.on_error(message)
        else:
            log.warning("task failed: %s", message)

    def _task_crashed(self, task_id: int, summary: str, details: str, log_file: Path | None) -> None:
        if task_id in self._applied:
            # A change that hit a bug: its transaction was rolled back; the dialog tells the clerk, the form
            # says it was not saved.
            self._callbacks.pop(task_id, None)
            excepthook.show(summary, details, log_file, "")
            self._applied.pop(task_id)[1](
                UserError(
                    text("未保存：出现意外错误（详见错误窗口）", "Not saved: an unexpected error occurred")
                )
            )
            return
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

    @property
    def applying(self) -> bool:
        return self._applying

    def apply(
        self,
        operation: Callable[..., Any],
        *args: Any,
        source: QObject | None = None,
        undoable: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Run a change — operation(session, *args, **kwargs) — on the database worker and return its value.

        The UI thread waits in an event loop, so the window keeps painting and answering while an import
        holds the database; write controls are disabled meanwhile (`writing`), and a second change asked for
        before the first ends is refused. A UserError is raised here as the operation raised it, with nothing
        written; afterwards every page hears what changed (`changed`) and refreshes only if it shows that.
        """
        if self._applying:
            raise UserError(
                text(
                    "上一项修改还在保存，请稍候再试",
                    "The previous change is still being saved: try again in a moment",
                )
            )
        self._applying = True
        self.writing.emit(True)
        loop = QEventLoop()
        result: dict[str, Any] = {}

        def finished(key: str, value: Any) -> None:
            result[key] = value
            loop.quit()

        def work(session: Session) -> Outcome[Any]:
            return perform(session, operation, *args, **kwargs)

        try:
            self._next_id += 1
            task_id = self._next_id
            self._callbacks[task_id] = _Callbacks(None, None, "", quiet=True)
            self._applied[task_id] = (
                functools.partial(finished, "outcome"),
                functools.partial(finished, "error"),
            )
            self._pool.start(_Task(task_id, self.db_path, self.session.operator, work, (), self._relay))
            loop.exec()
        finally:
            self._applying = False
            self.writing.emit(False)
        if "error" in result:
            raise result["error"]
        outcome: Outcome[Any] = result["outcome"]
        if undoable and outcome.changes.change_seqs:
            seqs = outcome.changes.change_seqs
            self._undo_steps.append((undo.describe(self.session.db, seqs), seqs))
            del self._undo_steps[: -self.UNDO_LIMIT]
            self.undo_changed.emit()
        if outcome.changes.anything:
            self.change_source = source
            try:
                self.changed.emit(outcome.changes)
            finally:
                self.change_source = None
        return outcome.value

    UNDO_LIMIT = 50

    def undo_label(self) -> Text | None:
        """What Ctrl+Z would take back (e.g. 删除来访登记), or None when there is nothing to undo."""
        return self._undo_steps[-1][0] if self._undo_steps else None

    def undo(self) -> Text:
        """Take back the last change made in this window, as a new change; returns what was undone. A step
        that can no longer be taken back (changed since) is dropped, and the UserError says why."""
        if not self._undo_steps:
            raise UserError(text("没有可以撤销的修改", "There is nothing to undo"))
        label, seqs = self._undo_steps[-1]
        try:
            self.apply(undo.revert, seqs, undoable=False)
        except UserError:
            if not self._applying:  # refused for good, not merely busy
                self._undo_steps.pop()
                self.undo_changed.emit()
            raise
        self._undo_steps.pop()
        self.undo_changed.emit()
        return label

    def notify_changed(self, table: str = "", source: QObject | None = None) -> None:
        """Tell every page that `table` changed ("" for anything), for changes made outside `apply` (an import
        on the worker). A page that already refreshed itself passes itself as source."""
        self.change_source = source
        try:
            self.changed.emit(Changes(frozenset({table})) if table else Changes(untracked=True))
        finally:
            self.change_source = None


def _receiver_alive(callback: Callable[..., Any]) -> bool:
    """A result that arrives after its page or window was closed has nowhere to go: a method of a deleted
    widget would raise (or crash) on its first attribute access, so such a callback is dropped."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
