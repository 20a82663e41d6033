"""The window fits the screens clerks have: every page, at a station and at the district, in Chinese and English,
on 1366×768 and on 1920×1080 at 150 % (1280×720 logical), each less a 40 px taskbar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import demo, identity
from app.session import Session

ROOT = Path(__file__).resolve().parents[2]
SCREENS = {"1366x768": (1366, 728), "1920x1080@150%": (1280, 680)}


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fit")
    made = {}
    for role in ("station", "district"):
        path = folder / f"{role}.db"
        session = Session.open(path, operator="王芳")
        if role == "district":
            identity.init_district(session, name="杨浦区人大常委会", operator="王芳")
        demo.generate(session, months=3, seed=1)
        session.close()
        made[role] = path
    return made


def _probe(screen: tuple[int, int], db: Path, language: str, home: Path) -> dict[str, object]:
    config = home / "screen.json"
    home.mkdir(parents=True, exist_ok=True)
    width, height = screen
    config.write_text(
        json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height, "dpr": 1}]}),
        encoding="utf-8",
    )
    # A fresh HOME: no window size remembered from another run.
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "HOME": str(home)}
    env.pop("XDG_CONFIG_HOME", None)
    result = subprocess.run(
        [sys.executable, "-m", "tests.ui.fit_probe", str(db), language],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("role", ["station", "district"])
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_page_fits_the_screen(
    databases: dict[str, Path], tmp_path: Path, screen: str, role: str, language: str
) -> None:
    width, height = SCREENS[screen]
    report = _probe((width, height), databases[role], language, tmp_path / "home")
    pages = report["pages"]
    assert isinstance(pages, dict) and len(pages) == 8
    for key, page in pages.items():
        min_width, min_height = page["minimum"]
        frame_width, frame_height = page["window"]
        # Room for the title bar (about 30 px) above the frame.
        assert min_width <= width and min_height <= height - 30, (key, page["minimum"])
        assert frame_width <= width and frame_height <= height - 30, (key, page["window"])
        assert page["labels"] == [], (key, page["labels"])
