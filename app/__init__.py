"""Liaison Desk's core: domain rules, services, imports, statistics and the command line. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "Liaison Desk"
APP_NAME_ZH = "代表家站点工作台"
