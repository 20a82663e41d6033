"""liaison init station|district."""

from __future__ import annotations

import argparse

from app import identity
from app.cli.output import say
from app.i18n import text
from app.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("init", help="初始化本机：家站点或区人大汇总端 set up this database")
    kinds = parser.add_subparsers(dest="role", metavar="ROLE", required=True)
    station = kinds.add_parser("station", help="家站点 a station")
    station.add_argument("--code", required=True, help="家站点编号, e.g. YP-01")
    station.add_argument("--name", required=True, help="家站点名称")
    station.add_argument("--kind", required=True, help="home|station|point (代表之家/代表联络站/代表联系点)")
    station.add_argument("--street", required=True, help="所属街道/镇")
    station.add_argument("--address", default="")
    station.set_defaults(run=_run_station, creates_database=True)
    district = kinds.add_parser("district", help="区人大汇总端 the district office")
    district.add_argument("--name", required=True)
    district.set_defaults(run=_run_district, creates_database=True)


def _run_station(args: argparse.Namespace, session: Session) -> int:
    identity.init_station(
        session,
        code=args.code,
        name=args.name,
        kind=args.kind,
        street=args.street,
        address=args.address,
        operator=args.operator or "",
    )
    say(text("已初始化家站点 {c} {n}", "Station {c} {n} initialised", c=args.code.upper(), n=args.name))
    return 0


def _run_district(args: argparse.Namespace, session: Session) -> int:
    identity.init_district(session, name=args.name, operator=args.operator or "")
    say(text("已初始化区人大汇总端：{n}", "District office initialised: {n}", n=args.name))
    return 0
