"""liaison report monthly|annual: the printed summaries as PDF files."""

from __future__ import annotations

import argparse
import sys

from app.cli.output import say
from app.i18n import text
from app.reports import ReportResult, build_annual, build_monthly
from app.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("report", help="打印报表 printed summaries (PDF)")
    kinds = parser.add_subparsers(dest="report", metavar="REPORT", required=True)
    monthly = kinds.add_parser("monthly", help="家站点月报 a station's monthly summary")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM")
    monthly.add_argument("--out", required=True, metavar="FILE.pdf")
    monthly.add_argument("--station", metavar="CODE", help="家站点编号（汇总端必填）station code (district)")
    monthly.set_defaults(run=_run_monthly)
    annual = kinds.add_parser("annual", help="区年度报表 the district's annual report")
    annual.add_argument("--year", required=True, type=int, metavar="YYYY")
    annual.add_argument("--out", required=True, metavar="FILE.pdf")
    annual.set_defaults(run=_run_annual)


def _run_monthly(args: argparse.Namespace, session: Session) -> int:
    session.require_initialised()
    return _done(build_monthly(session, args.month, args.out, args.station))


def _run_annual(args: argparse.Namespace, session: Session) -> int:
    session.require_initialised()
    return _done(build_annual(session, args.year, args.out))


def _done(result: ReportResult) -> int:
    say(text("已生成 {p}（{n} 页）", "Wrote {p} ({n} pages)", p=str(result.path), n=result.pages))
    if result.warning is not None:
        print(result.warning.render(), file=sys.stderr)
    return 0
