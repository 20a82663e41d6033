"""Open every page of the real window on a screen of a given size and report what does not fit, as JSON.

Run in its own process (the screen is the offscreen platform's, set before Qt starts):
    QT_QPA_PLATFORM=offscreen:configfile=screen.json python -m tests.ui.fit_probe DB LANGUAGE
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QLabel, QWidget

# A header's text needs its own width plus the theme's padding and the sort arrow's room.
HEADER_PADDING = 24


def _clipped_headers(page: QWidget) -> list[str]:
    found = []
    for view in page.findChildren(QAbstractItemView):
        header = getattr(view, "horizontalHeader", lambda: None)()
        if not isinstance(header, QHeaderView) or not view.isVisible() or not header.isVisible():
            continue
        model = view.model()
        if model is None:
            continue
        metrics = header.fontMetrics()
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            label = str(model.headerData(section, header.orientation()) or "")
            if not label:
                continue
            # The theme may draw headers in capitals.
            needed = max(metrics.horizontalAdvance(label), metrics.horizontalAdvance(label.upper()))
            if needed + HEADER_PADDING > header.sectionSize(section):
                found.append(
                    f"{view.objectName() or type(view).__name__}: {label} ({header.sectionSize(section)} < {needed + HEADER_PADDING})"
                )
    return found


def _clipped_labels(page: QWidget) -> list[str]:
    found = []
    for label in page.findChildren(QLabel):
        if (
            not label.isVisible()
            or label.wordWrap()
            or not label.text()
            or label.pixmap() is not None
            and not label.pixmap().isNull()
        ):
            continue
        needed = (
            label.fontMetrics().horizontalAdvance(label.text().split("\n")[0])
            + label.contentsMargins().left()
            + label.contentsMargins().right()
        )
        if needed > label.width() + 1:
            found.append(
                f"{label.objectName() or 'QLabel'}: {label.text()[:30]} ({label.width()} < {needed})"
            )
    return found


def main(db_path: str, language: str) -> None:
    from ui import translations
    from ui.main_window import MainWindow
    from ui.navigation import PAGES
    from ui.startup import make_application, open_context

    app = make_application()
    ctx = open_context(Path(db_path))
    translations.install(language)
    window = MainWindow(ctx)
    window.show()
    available = window.screen().availableGeometry()
    report: dict[str, object] = {"screen": [available.width(), available.height()], "pages": {}}
    for entry in PAGES:
        window.show_page(entry.key)
        for _ in range(5):
            QApplication.processEvents()
        ctx.wait_for_tasks()
        QApplication.processEvents()
        minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
        frame = window.frameGeometry()
        report["pages"][entry.key] = {  # type: ignore[index]
            "minimum": [minimum.width(), minimum.height()],
            "window": [frame.width(), frame.height()],
            "headers": _clipped_headers(window),
            "labels": _clipped_labels(window),
        }
    ctx.wait_for_tasks()
    print(json.dumps(report, ensure_ascii=False))
    window.close()
    app.quit()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
