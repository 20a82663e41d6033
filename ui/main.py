"""Entry point of the desktop window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.session import Session
from db.paths import resolve_db_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="liaison-desk")
    parser.add_argument("--db", metavar="PATH")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])

    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    session = Session.open(resolve_db_path(args.db))
    window = QMainWindow()
    window.setWindowTitle("代表家站点工作台")
    window.setCentralWidget(QLabel(str(session.path)))
    window.resize(1200, 800)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
