"""Liaison Desk's core: domain rules, services, imports, statistics and the command line. Never imports Qt."""

from __future__ import annotations

APP_NAME = "Liaison Desk"
APP_NAME_ZH = "代表家站点工作台"
DISTRIBUTION = "liaison-desk"


def __getattr__(name: str) -> str:
    # __version__ is read on first use: importlib.metadata costs tens of milliseconds that starting the window
    # need not pay.
    if name == "__version__":
        globals()[name] = version = _version()
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version() -> str:
    """The version in the package metadata; pyproject.toml is the one place it is written."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    # A source checkout that was never installed (PYTHONPATH=.): what its pyproject.toml says.
    import tomllib
    from pathlib import Path

    try:
        with (Path(__file__).resolve().parent.parent / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0+unknown"
