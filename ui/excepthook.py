"""Every unexpected error in the window ends in the log file and in one ErrorDialog: an exception escaping a slot
(PySide6 hands it to sys.excepthook), one escaping a thread (threading.excepthook), or a bug in a worker task
(ui/context.py reports those). Never silent, never a raw traceback.

An error while the dialog is open is added to it rather than opening another; an error while the dialog is being
built is only logged, so a broken dialog cannot turn one error into an endless run of them.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication

from app import crash_log

if TYPE_CHECKING:
    from ui.error_dialog import ErrorDialog


class _Relay(QObject):
    """Lives on the UI thread: an error on another thread is queued to it, since widgets belong to the UI thread."""

    reported = Signal(str, str, object, str)  # summary, details, log file (Path | None), task

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.reported.connect(self.deliver)

    def deliver(self, summary: str, details: str, log_file: Path | None, task: str) -> None:
        _show(summary, details, log_file, task)


_relay: _Relay | None = None
_previous: tuple[Any, Any] | None = None
_dialog: ErrorDialog | None = None
_building = False


def install() -> None:
    """Make this module the process's hook for uncaught exceptions. Call on the UI thread, after the QApplication."""
    global _relay, _previous
    if sys.excepthook is not excepthook:
        _previous = (sys.excepthook, threading.excepthook)
    if _relay is None:
        _relay = _Relay(QCoreApplication.instance())
    sys.excepthook = excepthook
    threading.excepthook = _thread_excepthook


def uninstall() -> None:
    """Put back the hooks install() replaced (tests leave the process as they found it)."""
    global _relay, _previous
    if _previous is not None:
        sys.excepthook, threading.excepthook = _previous
        _previous = None
    if _relay is not None and shiboken6.isValid(_relay):
        _relay.deleteLater()
    _relay = None


def excepthook(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in the terminal that started the window
        sys.__excepthook__(exc_type, exc or exc_type(), tb)
        return
    if exc is None:
        exc = exc_type()
    if tb is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report(exc)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def report(exc: BaseException, task: str = "") -> None:
    """Write the error to the log and show it; from any thread."""
    details = crash_log.details(exc)
    show(crash_log.summary(exc), details, crash_log.record(details), task)


def show(summary: str, details: str, log_file: Path | None, task: str = "") -> None:
    """Show an error already written to the log; from any thread."""
    app = QCoreApplication.instance()
    if isinstance(app, QApplication) and QThread.currentThread() is app.thread():
        _show(summary, details, log_file, task)
    elif _relay is not None:
        _relay.reported.emit(summary, details, log_file, task)
    else:  # no window to show it in: the console is the last resort
        print(details, file=sys.stderr)


def current_dialog() -> ErrorDialog | None:
    return _dialog if _dialog is not None and shiboken6.isValid(_dialog) and _dialog.isVisible() else None


def wait() -> None:
    """Keep the error dialog on screen until it is closed, when no event loop runs to do it (before the window
    has started, or after it has ended)."""
    dialog = current_dialog()
    if dialog is not None:
        dialog.exec()


def _show(summary: str, details: str, log_file: Path | None, task: str) -> None:
    global _dialog, _building
    if _building:  # the dialog itself failed: the error is in the log, and one more window would fail again
        return
    _building = True
    try:
        # Imported here: its widget classes cost start-up time, and only a bug needs them.
        from ui.error_dialog import ErrorDialog

        dialog = current_dialog()
        if dialog is not None:
            dialog.add(details)
            return
        dialog = ErrorDialog(summary, details, log_file, task)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        _dialog = dialog
    except Exception as exc:  # the last resort: the console, and the log
        crash_log.record(crash_log.details(exc))
        print(details, file=sys.stderr)
    finally:
        _building = False
