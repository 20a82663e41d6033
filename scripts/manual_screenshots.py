"""Screenshots for the user manual (docs/manual/img/): every page of a station's window and the district's
dashboard, on demo data, in Chinese.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/manual_screenshots.py [--out docs/manual/img]

Build the translations first (make translations), or the window shows its English source strings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.cli import main as cli  # noqa: E402

# The demo databases' passphrase, as the clerk would type it when asked (the commands run here have no terminal).
os.environ.setdefault("LIAISON_PASSPHRASE", "演示数据口令-2026")

STATION = ["init", "station", "--code", "YP-01", "--name", "控江路街道代表之家", "--kind", "home"]
STATION += ["--street", "控江路街道"]
DISTRICT = ["init", "district", "--name", "杨浦区人大常委会"]
PAGES = ("dashboard", "reception", "visits", "items", "deputies", "reports", "sync", "settings")


def _settle(app: object, rounds: int = 30) -> None:
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(50)


def _generate_report(page: object) -> None:
    """Press the page's Generate button and wait for the preview, so the picture shows a report."""
    import time

    from PySide6.QtWidgets import QPushButton

    buttons = [b for b in page.findChildren(QPushButton) if b.text() in ("生成报表", "Generate")]  # type: ignore[attr-defined]
    if not buttons:
        return
    buttons[0].click()
    deadline = time.monotonic() + 30
    others = [b for b in page.findChildren(QPushButton) if b is not buttons[0]]  # type: ignore[attr-defined]
    while time.monotonic() < deadline and not any(b.isEnabled() for b in others):
        _settle(None, 5)
    _settle(None, 20)


def _shoot_window(db: Path, out: Path, prefix: str, pages: tuple[str, ...]) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from ui.about import AboutDialog
    from ui.main_window import MainWindow
    from ui.startup import make_application, open_context

    app = make_application([])
    ctx = open_context(db)
    window = MainWindow(ctx)
    window.resize(1360, 860)
    window.show()
    written = []
    for key in pages:
        try:
            window.show_page(key)
        except Exception as exc:  # a page not built yet: the manual keeps its older picture
            print(f"skipped {key}: {exc}", file=sys.stderr)
            continue
        _settle(app)
        if key == "reports":
            _generate_report(window.pages[key])
        path = out / f"{prefix}{key}.png"
        window.grab().save(str(path))
        written.append(path)
    if prefix == "":
        about = AboutDialog(window)
        about.show()
        _settle(app)
        path = out / "about.png"
        about.grab().save(str(path))
        written.append(path)
        about.close()
    window.close()
    ctx.wait_for_tasks()
    ctx.session.close()
    QApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "manual" / "img")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        station_db = Path(folder) / "station.db"
        district_db = Path(folder) / "district.db"
        for command in (STATION, ["demo", "--months", "12"]):
            assert cli(["--db", str(station_db), "--operator", "王晓梅", *command]) == 0
        for command in (DISTRICT, ["demo", "--months", "12"]):
            assert cli(["--db", str(district_db), "--operator", "李红", *command]) == 0
        written = _shoot_window(station_db, args.out, "", PAGES)
        written += _shoot_window(district_db, args.out, "district-", ("dashboard", "items", "sync"))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Leave without the interpreter's final garbage collection: tearing down PySide6 objects there can
    # abort the process after every picture is already written.
    os._exit(code)
