"""Open every page of the window on a demo database and save PNGs, in Chinese and in English.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py --out screenshots

Also works offscreen (QT_QPA_PLATFORM=offscreen). The demo database is made fresh in a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import demo, identity  # noqa: E402
from app.session import Session  # noqa: E402
from db.paths import resolve_db_path  # noqa: E402

SIZE = (1400, 900)
PASSPHRASE = "演示数据口令-2026"  # the demo databases' keys; held in memory for the window opened next


def make_demo(path: Path, role: str) -> None:
    session = Session.open(path, operator="王芳")
    if role == "district":
        identity.init_district(session, name="杨浦区人大常委会", operator="王芳", passphrase=PASSPHRASE)
    else:
        code, name, kind, street = demo.DEMO_STATIONS[0]
        identity.init_station(
            session, code=code, name=name, kind=kind, street=street, operator="王芳", passphrase=PASSPHRASE
        )
    demo.generate(session, months=12, seed=2023)
    session.close()


def wait_until(app: object, condition: object, seconds: float = 10.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not condition() and time.monotonic() < end:  # type: ignore[operator]
        QApplication.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        QApplication.processEvents()


def shoot(out: Path, db_path: Path, languages: list[str], prefix: str, dark: bool = False) -> list[Path]:
    from ui import translations
    from ui.main_window import MainWindow
    from ui.navigation import PAGES
    from ui.startup import make_application, open_context

    app = make_application()
    if dark:
        from app import settings

        session = Session.open(db_path)
        settings.THEME.set(session.db, "dark")
        session.close()
    ctx = open_context(db_path)
    window = MainWindow(ctx)
    window.resize(*SIZE)
    window.show()
    saved: list[Path] = []
    for language in languages:
        translations.install(language)
        ctx.language_changed.emit()
        for entry in PAGES:
            page = window.show_page(entry.key)
            if entry.key == "dashboard":
                before = getattr(page, "loads", 1)
                page.refresh()
                wait_until(app, lambda p=page, b=before: getattr(p, "loads", 1) > b)
            if entry.key in ("visits", "items", "deputies", "reception"):
                table = getattr(page, "table", None)
                if table is not None and table.model().rowCount() > 0:
                    table.selectRow(0)
            wait_until(app, lambda: not ctx.busy, 5)
            target = out / f"{prefix}{language}_{PAGES.index(entry) + 1:02d}_{entry.key}.png"
            window.grab().save(str(target))
            saved.append(target)
    window.close()
    ctx.wait_for_tasks()
    ctx.session.close()
    return saved


def shoot_wizard(out: Path, folder: Path, languages: list[str]) -> list[Path]:
    from ui import translations
    from ui.first_run import FirstRunWizard
    from ui.startup import open_context

    ctx = open_context(folder / "new.db")
    saved: list[Path] = []
    for language in languages:
        translations.install(language)
        wizard = FirstRunWizard(ctx)
        wizard.show()
        for step in range(3):
            wait_until(None, lambda: True, 0)
            target = out / f"wizard_{language}_{step + 1}.png"
            wizard.grab().save(str(target))
            saved.append(target)
            if step == 1:
                wizard.operator_page.operator.setText("王芳")
            if step < 2:
                wizard.next()
        wizard.close()
    ctx.session.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--db", help="use this database instead of a fresh demo")
    parser.add_argument("--lang", action="append", choices=("zh_CN", "en"))
    parser.add_argument("--district", action="store_true", help="also shoot a district office's database")
    parser.add_argument("--dark", action="store_true", help="also shoot the station in the dark theme")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    languages = args.lang or ["zh_CN", "en"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        saved: list[Path] = []
        if args.db:
            saved += shoot(out, resolve_db_path(args.db), languages, "")
        else:
            station_db = folder / "station.db"
            make_demo(station_db, "station")
            saved += shoot(out, station_db, languages, "")
            if args.dark:
                saved += shoot(out, station_db, languages[:1], "dark_", dark=True)
            if args.district:
                district_db = folder / "district.db"
                make_demo(district_db, "district")
                saved += shoot(out, district_db, languages, "district_")
        saved += shoot_wizard(out, folder, languages)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
