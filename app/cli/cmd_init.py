"""liaison init station|district."""

from __future__ import annotations

import argparse

from app import identity
from app.cli.output import say
from app.i18n import Text, text
from app.session import Session
from app.sync import district_key, keys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("init", help="初始化本机：家站点或区人大汇总端 set up this database")
    kinds = parser.add_subparsers(dest="role", metavar="ROLE", required=True)
    station = kinds.add_parser("station", help="家站点 a station")
    station.add_argument("--code", required=True, help="家站点编号, e.g. YP-01")
    station.add_argument("--name", required=True, help="家站点名称")
    station.add_argument("--kind", required=True, help="home|station|point (代表之家/代表联络站/代表联系点)")
    station.add_argument("--street", required=True, help="所属街道/镇")
    station.add_argument("--address", default="")
    station.add_argument(
        "--district-key",
        metavar="FILE",
        help="区人大公钥文件（区人大公钥.liaison-key）the district's key file, so the first bundle is sealed",
    )
    station.set_defaults(run=_run_station)
    district = kinds.add_parser("district", help="区人大汇总端 the district office")
    district.add_argument("--name", required=True)
    district.set_defaults(run=_run_district)


def _run_station(args: argparse.Namespace, session: Session) -> int:
    key = district_key.read(args.district_key) if args.district_key else None  # a bad file changes nothing
    identity.init_station(
        session,
        code=args.code,
        name=args.name,
        kind=args.kind,
        street=args.street,
        address=args.address,
        operator=args.operator or "",
        district=key,
    )
    say(text("已初始化家站点 {c} {n}", "Station {c} {n} initialised", c=args.code.upper(), n=args.name))
    if key is None:
        say(
            text(
                "尚未导入区人大公钥：导出数据包前，请向区人大索取公钥文件并运行 liaison keys import-district 文件",
                "The district's key is not here yet: before exporting, get the office's key file and run"
                " 'liaison keys import-district FILE'",
            )
        )
    else:
        say(district_key_note(session, key))
    return 0


def district_key_note(session: Session, key: district_key.DistrictKey) -> Text:
    """What the clerk must do with a key just imported: compare its fingerprint with the office by phone."""
    if keys.trusted(session.db, keys.DISTRICT_PEER, keys.SIGNING) == key.signing:
        return text(
            "已登记区人大公钥（{d}），指纹：{f}。请打电话给区人大，核对对方读出的指纹与此一致",
            "The district's key ({d}) is registered, fingerprint {f}. Phone the office and check that the"
            " fingerprint it reads out is this one",
            d=key.district_name or "—",
            f=key.fingerprint,
        )
    return text(
        "这是一把新的区人大密钥（指纹 {f}），与本机登记的不同，尚未启用。请电话向区人大核对指纹，一致后运行"
        ' liaison keys accept district --fingerprint "{f}"',
        "This is a new district key (fingerprint {f}), not the one registered here; it is not in use yet. Compare"
        " the fingerprint with the office by phone; if it matches, run 'liaison keys accept district"
        ' --fingerprint "{f}"\'',
        f=key.fingerprint,
    )


def _run_district(args: argparse.Namespace, session: Session) -> int:
    identity.init_district(session, name=args.name, operator=args.operator or "")
    say(text("已初始化区人大汇总端：{n}", "District office initialised: {n}", n=args.name))
    return 0
