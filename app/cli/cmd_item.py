"""liaison item list: the sentiment items, for scripts and for a quick look."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.output import print_json, say
from app.domain import ItemStatus
from app.errors import UserError
from app.i18n import text
from app.session import Session

COLUMNS = (
    "uuid",
    "item_no",
    "station_code",
    "date",
    "title",
    "category",
    "community",
    "source_kind",
    "status",
    "department",
    "due_date",
    "reply",
    "satisfaction",
    "origin",
    "version",
    "updated_at",
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("item", help="社情民意 sentiment items")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="列出 list items")
    listing.add_argument(
        "--status", help="raised|assigned|handling|resolved|fed_back (或 提出/交办/承办/落实/反馈)"
    )
    listing.add_argument("--station", metavar="CODE")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=_run_list)


def list_items(
    session: Session, status: str | None = None, station: str | None = None
) -> list[dict[str, Any]]:
    where, params = [], []
    if status:
        parsed = ItemStatus.parse(status)
        if parsed is None:
            raise UserError(
                text(
                    "状态“{s}”无效，可选：{o}",
                    "Unknown status “{s}”; choose one of: {o}",
                    s=status,
                    o=list(ItemStatus),
                )
            )
        where.append("i.status = ?")
        params.append(parsed.value)
    if station:
        where.append("s.code = ?")
        params.append(station.strip().upper())
    sql = (
        "SELECT i.uuid, i.item_no, s.code AS station_code, i.date, i.title, i.category, i.community, i.source_kind,"
        " i.status, i.department, i.due_date, i.reply, i.satisfaction, i.origin, i.version, i.updated_at"
        " FROM items i JOIN stations s ON s.uuid = i.station_uuid"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY i.date, i.item_no"
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in session.db.execute(sql, params).fetchall()]


def _run_list(args: argparse.Namespace, session: Session) -> int:
    rows = list_items(session, args.status, args.station)
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        status = ItemStatus(row["status"]).label
        say(f"{row['item_no']}  {row['date']}  {status}  {row['category'] or '-'}  {row['title']}")
    return 0
