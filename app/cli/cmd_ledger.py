"""liaison ledger import FILE: a station's reception, visit or sentiment-item ledger (or the roster)."""

from __future__ import annotations

import argparse
import sys

from app import ledger
from app.cli.output import say
from app.i18n import text
from app.session import Session

KINDS = ("roster", "reception", "visits", "items")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ledger", help="导入台账 import a station's ledger (.xlsx / .csv)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    do_import = actions.add_parser("import", help="导入接待日、来访登记或社情民意台账 import a ledger file")
    do_import.add_argument("file", metavar="FILE", help=".xlsx 或 .csv（UTF-8 / GB18030）")
    do_import.add_argument(
        "--kind", choices=KINDS, help="台账类型；省略时按表头判断 ledger kind (default: from the header row)"
    )
    do_import.add_argument(
        "--station", metavar="CODE", help="台账所属家站点（汇总端必填）whose ledger this is"
    )
    add_dry_run(do_import)
    do_import.set_defaults(run=run_import)


def add_dry_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="只检查、不写入 check every row but write nothing"
    )


def run_import(args: argparse.Namespace, session: Session) -> int:
    try:
        report = ledger.import_file(
            session,
            args.file,
            kind=args.kind,
            station_code=getattr(args, "station", None),
            dry_run=args.dry_run,
        )
    except ledger.LedgerRefused as refused:
        print(str(refused.report.summary()), file=sys.stderr)
        for problem in refused.report.problems:
            print(problem.render(), file=sys.stderr)
        return 2
    say(report.summary())
    for warning in report.warnings:
        say(text("提示：{w}", "Note: {w}", w=warning.render()))
    return 0
