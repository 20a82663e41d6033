"""liaison demo: fill the database with realistic demo data."""

from __future__ import annotations

import argparse

from app import demo
from app.cli.output import say
from app.i18n import text
from app.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="生成演示数据 fill with demo data")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--if-new", action="store_true", help="only when the database has no data yet")
    # A demo database is a new one as often as not (`liaison --db 练习.db demo`, `make run`'s --if-new).
    parser.set_defaults(run=_run, creates_database=True)


def _run(args: argparse.Namespace, session: Session) -> int:
    if args.if_new and session.db.execute("SELECT COUNT(*) FROM deputies").fetchone()[0]:
        return 0
    if not 1 <= args.months <= 120:
        say(text("月数应在1到120之间", "--months must be between 1 and 120"))
        return 2
    result = demo.generate(session, months=args.months, seed=args.seed)
    say(
        text(
            "演示数据：{s}个家站点，{d}名代表，{r}个接待日，{v}条来访，{i}条社情民意",
            "Demo data: {s} stations, {d} deputies, {r} reception days, {v} visits, {i} items",
            s=result.stations,
            d=result.deputies,
            r=result.reception_days,
            v=result.visits,
            i=result.items,
        )
    )
    return 0
