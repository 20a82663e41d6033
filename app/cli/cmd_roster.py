"""liaison roster import FILE: the deputies' roster (代表名册); the same as ledger import --kind roster."""

from __future__ import annotations

import argparse

from app.cli.cmd_ledger import add_dry_run, run_import


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("roster", help="代表名册 the deputies' roster")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    do_import = actions.add_parser("import", help="导入代表名册 import the roster (.xlsx / .csv)")
    do_import.add_argument("file", metavar="FILE", help=".xlsx 或 .csv（UTF-8 / GB18030）")
    add_dry_run(do_import)
    do_import.set_defaults(run=run_import, kind="roster")
