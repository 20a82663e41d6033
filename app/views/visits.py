"""来访登记: what the visit form completes from and which deputies received a visit."""

from __future__ import annotations

from typing import Any

from app.views.common import station_clause


def communities(db: Any, station_uuid: str | None, limit: int = 500) -> list[str]:
    """Communities typed before, most used first: what the visit form completes from."""
    where, params = station_clause("station_uuid", station_uuid)
    return [
        row[0]
        for row in db.execute(
            f"SELECT community FROM visits WHERE community != ''{where}"
            " GROUP BY community ORDER BY COUNT(*) DESC, community LIMIT ?",
            [*params, limit],
        ).fetchall()
    ]


def visit_deputy_uuids(db: Any, visit_uuid: str) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT deputy_uuid FROM visit_deputies WHERE visit_uuid = ? ORDER BY deputy_uuid", [visit_uuid]
        ).fetchall()
    ]
