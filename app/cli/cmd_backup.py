"""liaison backup / restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from app import backup
from app.cli.output import say
from app.i18n import text
from app.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("backup", help="备份数据库 back up the database")
    parser.add_argument("--out", required=True, metavar="FILE", help="backup file (or folder)")
    parser.set_defaults(run=_run_backup)
    restore = sub.add_parser("restore", help="从备份恢复 restore from a backup")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=_run_restore)


def _run_backup(args: argparse.Namespace, session: Session) -> int:
    made = backup.backup_to(session, Path(args.out))
    say(text("已备份到 {p}", "Backed up to {p}", p=made))
    return 0


def _run_restore(args: argparse.Namespace, session: Session) -> int:
    safety = backup.restore_from(session, Path(args.file))
    if safety:
        say(text("恢复前的数据已另存为 {p}", "The data before restoring was saved to {p}", p=safety))
    say(text("已从 {p} 恢复", "Restored from {p}", p=args.file))
    return 0
