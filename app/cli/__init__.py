"""`liaison`: the command line. With no subcommand it opens the desktop window.

Each subcommand's module (cmd_*.py in this package) has `register(subparsers)`, and the parser it adds sets
`run(args, session) -> int`; command_modules() lists them all. A user's mistake ends as one line on stderr, and
so does a bug, whose traceback goes to the log file that line names.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, NoReturn

import app
from app import backup, crash_log, i18n
from app.errors import UserError
from app.i18n import text
from app.session import Session
from db.migrations import MigrationError
from db.paths import resolve_db_path

READ_ONLY_COMMANDS = frozenset({"stats", "item", "report", "backup", "export-csv", "restore"})


def command_modules() -> tuple[ModuleType, ...]:
    """Every subcommand's module, in the order `liaison --help` lists them. Imported when the full parser is
    built rather than with this package, so that `liaison --version` and the bare `liaison` that opens the
    window do not load the reports, the ledger import and the sync for nothing."""
    from app.cli import (
        cmd_backup,
        cmd_demo,
        cmd_init,
        cmd_item,
        cmd_ledger,
        cmd_report,
        cmd_roster,
        cmd_stats,
        cmd_sync,
    )

    return (cmd_backup, cmd_demo, cmd_init, cmd_item, cmd_ledger, cmd_report, cmd_roster, cmd_stats, cmd_sync)


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=_PrintVersion, help="显示版本 show the version and exit")
    parser.add_argument(
        "--db", metavar="PATH", help="数据库文件 database file (default: $LIAISON_DB or user data dir)"
    )
    parser.add_argument("--operator", metavar="NAME", help="经办人 operator name recorded with every change")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="消息语言 language of messages")


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
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The global options alone first: `--version`, or no command at all (the window), needs no subcommand.
    Anything else, including a mistake in a global option, goes to the full parser, which explains it."""
    globals_only = argparse.ArgumentParser(prog="liaison", add_help=False, exit_on_error=False)
    _add_global_options(globals_only)
    globals_only.set_defaults(command=None)
    try:
        args, rest = globals_only.parse_known_args(argv)
        if not rest:
            return args
    except argparse.ArgumentError:
        pass  # the full parser explains the mistake, with the usage line that lists the commands
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except Exception as exc:  # a bug: one line here, the whole traceback in the log file
        _report_unexpected(exc)
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args = parse_arguments(list(sys.argv[1:] if argv is None else argv))
    if args.lang:
        i18n.set_language(args.lang)
    if not args.command:
        from ui.main import main as gui_main  # Qt is loaded only when the window is wanted

        return gui_main([*(["--db", args.db] if args.db else [])])
    from app.cli import passphrase
    from app.sync import keystore

    keystore.set_passphrase_source(passphrase.ask)
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


def _report_unexpected(exc: Exception) -> None:
    details = crash_log.details(exc)
    path = crash_log.record(details)
    message = text(
        "错误：命令因意外错误而中止（{e}）。没有数据丢失：出错的修改已整体撤销。详情已写入 {p}",
        "Error: the command stopped on an unexpected error ({e}). No data was lost: the failed change was "
        "undone as a whole. The details are in {p}",
        e=crash_log.summary(exc),
        p=str(path) if path else text("（日志无法写入，见下文）", "(the log cannot be written; see below)"),
    )
    print(message.render(), file=sys.stderr)
    if path is None:  # nowhere to keep the traceback but here
        print(details, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
