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
    # Works on the file itself: the database may be damaged, missing, or not openable at all.
    restore.set_defaults(run_on_path=_run_restore)


def _run_backup(args: argparse.Namespace, session: Session) -> int:
    made = backup.backup_to(session, Path(args.out))
    say(text("已备份到 {p}", "Backed up to {p}", p=made))
    return 0


def _run_restore(args: argparse.Namespace, db_path: Path) -> int:
    restored = backup.restore(db_path, Path(args.file), args.operator)
    if restored.safety:
        say(text("恢复前的数据已另存为 {p}", "The data before restoring was saved to {p}", p=restored.safety))
    if restored.damaged:
        say(
            text(
                "损坏的数据库已改名保留为 {p}",
                "The damaged database was kept under the name {p}",
                p=restored.damaged,
            )
        )
    say(text("已从 {p} 恢复到 {d}", "Restored {d} from {p}", p=args.file, d=db_path))
    return 0
