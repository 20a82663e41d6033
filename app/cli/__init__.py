"""`liaison`: the command line. With no subcommand it opens the desktop window.

Subcommands live in modules named cmd_*.py in this package, each with `register(subparsers)`; the parser
for each sets `run(args, session) -> int`. A user's mistake ends as one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sqlite3
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import app
from app import backup, i18n
from app.errors import UserError
from app.i18n import text
from app.session import Session
from db.migrations import MigrationError
from db.paths import resolve_db_path

# Listed for frozen builds, where the package folder cannot be scanned.
KNOWN_COMMAND_MODULES = (
    "cmd_init",
    "cmd_roster",
    "cmd_ledger",
    "cmd_item",
    "cmd_demo",
    "cmd_backup",
    "cmd_stats",
    "cmd_report",
    "cmd_sync",
)

READ_ONLY_COMMANDS = frozenset({"stats", "item", "report", "backup", "export-csv", "restore"})


def _command_modules() -> list[str]:
    found = {m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("cmd_")}
    if not found:
        found = set(KNOWN_COMMAND_MODULES)
    return sorted(found)


class _PrintVersion(argparse.Action):
    """--version: the version is looked up only when asked for (see app.__getattr__)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> NoReturn:
        print(f"liaison {app.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="liaison",
        description="代表家站点工作台 Liaison Desk — 家站点与区人大汇总端的离线工具",
    )
    parser.add_argument("--version", action=_PrintVersion, help="显示版本 show the version and exit")
    parser.add_argument(
        "--db", metavar="PATH", help="数据库文件 database file (default: $LIAISON_DB or user data dir)"
    )
    parser.add_argument("--operator", metavar="NAME", help="经办人 operator name recorded with every change")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="消息语言 language of messages")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _command_modules():
        try:
            module = importlib.import_module(f"app.cli.{name}")
        except ModuleNotFoundError:
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    if not args.command:
        from ui.main import main as gui_main  # Qt is loaded only when the window is wanted

        return gui_main([*(["--db", args.db] if args.db else [])])
    session: Session | None = None
    try:
        session = Session.open(resolve_db_path(args.db), operator=args.operator)
        if session.role and args.command not in READ_ONLY_COMMANDS:
            # A dated copy before the first change of the day: a bad import can always be undone.
            backup.auto_backup(session)
        return int(args.run(args, session) or 0)
    except UserError as exc:
        print(text("错误：{m}", "Error: {m}", m=str(exc)).render(), file=sys.stderr)
        return 2
    except MigrationError as exc:
        print(text("错误：{m}", "Error: {m}", m=str(exc)).render(), file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:
        print(
            text(
                "错误：无法读取数据库文件（{m}）。文件可能已损坏或不是本软件的数据库，可用 liaison restore 从备份恢复。",
                "Error: cannot read the database file ({m}). It may be damaged or not ours; "
                "'liaison restore' recovers from a backup.",
                m=str(exc),
            ).render(),
            file=sys.stderr,
        )
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the reader went away
        sys.stderr.close()
        return 0
    finally:
        if session is not None:
            session.close()


if __name__ == "__main__":
    sys.exit(main())
