"""Entry point of the desktop window: `liaison-desk`, or `liaison` with no command."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from db.paths import resolve_db_path

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="liaison-desk")
    parser.add_argument("--db", metavar="PATH")
    parser.add_argument("--operator", metavar="NAME")
    parser.add_argument("--lang", choices=("zh_CN", "en"))
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")

    from app import i18n
    from ui import excepthook, translations
    from ui.startup import make_application

    app = make_application(qt_args)
    # The database's own language is applied once it is open; until then, an error speaks the default one.
    translations.install(args.lang or i18n.current_language())
    excepthook.install()  # from here on, an error the code does not expect is a dialog and a log entry
    try:
        return _run(app, args)
    except Exception as exc:  # outside the event loop (start-up, shut-down): nothing else would show it
        from app import storage

        told = storage.explain(exc, resolve_db_path(args.db))
        if told is not None:  # damaged, busy, not ours: the clerk's to act on, not a bug
            refuse(str(told))
            return 2
        excepthook.report(exc)
        excepthook.wait()
        return 1
    finally:
        excepthook.uninstall()


def refuse(message: str) -> None:
    """The database cannot be opened, for a reason the message says (with what to do): said in a box of its
    own, titled with the program's name, and on stderr for whoever started it from a terminal."""
    from PySide6.QtWidgets import QMessageBox

    from ui.startup import APPLICATION

    print(message, file=sys.stderr)
    QMessageBox.critical(None, f"代表家站点工作台 {APPLICATION}", message)


def _run(app: QApplication, args: argparse.Namespace) -> int:
    from ui.startup import open_context

    ctx = open_context(resolve_db_path(args.db), args.operator)
    if args.lang:
        from ui import translations

        translations.install(args.lang)  # over the database's
    if not ctx.session.role:
        from ui.first_run import FirstRunWizard

        wizard = FirstRunWizard(ctx)
        if not wizard.exec() or not ctx.session.role:
            return 1
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    from ui import backup_actions

    backup_actions.start_daily(ctx, window)  # once a day, on the worker, after the window is up
    code = int(app.exec())
    ctx.wait_for_tasks()
    ctx.session.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
