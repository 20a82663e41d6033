"""Shared fixtures. Qt must run offscreen, and that must be set before anything imports Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LIAISON_LANG", "zh_CN")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

from app import i18n, identity  # noqa: E402
from app.session import Session  # noqa: E402
from app.sync import keystore  # noqa: E402
from db import clock  # noqa: E402

# Examples are judged by their result, not their speed: a loaded CI machine must not turn a slow example
# into a failure. Tests that need fewer or more examples say so with their own @settings.
hypothesis_settings.register_profile("liaison", deadline=None, print_blob=True)
hypothesis_settings.load_profile("liaison")


# The day every test runs on, whatever the calendar says when the suite runs: nothing in the app reads the
# wall clock (tests/test_architecture.py), so a test sees only this day. LIAISON_TEST_TODAY runs the whole
# suite on another day, e.g. the first of a month, where demo months have no past reception day yet.
TODAY = date.fromisoformat(os.environ.get("LIAISON_TEST_TODAY") or "2026-12-15")
# Set here too, not only per test, so that module-scoped fixtures and the command lines started by the
# end-to-end tests see the same day.
os.environ[clock.ENVIRONMENT_VARIABLE] = TODAY.isoformat()
clock.set_now(TODAY)

# The passphrase that encrypts every test database's private keys, here too for the command lines the end-to-end
# tests start. Tests of a missing or wrong passphrase take it away themselves.
PASSPHRASE = "测试口令-2026"
os.environ[keystore.ENVIRONMENT_VARIABLE] = PASSPHRASE
# scrypt is slow on purpose; the tests make hundreds of databases. The cost is stored with each database, so a
# database made here opens with the usual cost settings too.
keystore.SCRYPT_COST = 2**10


@pytest.fixture(scope="session", autouse=True)
def _logs_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """An unexpected error in a test (or in a command line it starts) is logged here, not in the user's folder."""
    previous = os.environ.get("LIAISON_LOG_DIR")
    os.environ["LIAISON_LOG_DIR"] = str(tmp_path_factory.mktemp("logs"))
    yield
    if previous is None:
        del os.environ["LIAISON_LOG_DIR"]
    else:
        os.environ["LIAISON_LOG_DIR"] = previous


@pytest.fixture(autouse=True)
def _fixed_clock() -> Iterator[None]:
    """Each test starts at noon of TODAY, whatever an earlier test set the clock to."""
    with clock.set_to(TODAY):
        yield


@pytest.fixture(autouse=True)
def _chinese_by_default() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("zh_CN")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "liaison.db"


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    """A fresh, empty database file on disk."""
    s = Session.open(db_path, operator="测试员")
    yield s
    s.close()


@pytest.fixture
def station_session(session: Session) -> Session:
    """A database initialised as station YP-01."""
    identity.init_station(
        session, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道", operator="测试员"
    )
    return session
