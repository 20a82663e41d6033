"""liaison stats: the reportable figures for a period."""

from __future__ import annotations

import argparse

from app import period, stats
from app.cli.output import print_json
from app.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("stats", help="统计数字 figures for a period")
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--year", type=int)
    when.add_argument("--month", metavar="YYYY-MM")
    parser.add_argument("--from", dest="start", metavar="DATE")
    parser.add_argument("--to", dest="end", metavar="DATE")
    parser.add_argument("--station", metavar="CODE")
    parser.add_argument("--json", action="store_true", help="JSON output (the default)")
    parser.set_defaults(run=_run)


def _run(args: argparse.Namespace, session: Session) -> int:
    chosen = period.from_args(args.year, args.month, args.start, args.end)
    figures = stats.compute(session.db, chosen, args.station)
    print_json({key: figures[key] for key in stats.STATS_KEYS})
    return 0
