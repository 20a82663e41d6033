"""What every kind of ledger import shares while it checks rows: the session, the station the ledger
belongs to, the report being filled in, and the roster loaded once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from app.i18n import Text
from app.ledger.columns import HeaderMap
from app.ledger.directory import DeputyDirectory
from app.ledger.report import ImportReport, RowProblem
from app.ledger.rows import Row
from app.session import Session
from db.records import Writer, stable_uuid


@dataclass
class Station:
    uuid: str
    code: str


@dataclass
class Context:
    session: Session
    header: HeaderMap
    report: ImportReport
    station: Station | None
    # Why there is no station (no --station at the district, an uninitialised database), said once.
    station_missing: Text | None
    file_name: str
    _directory: DeputyDirectory | None = None
    _station_reported: bool = False

    @property
    def db(self) -> Any:
        return self.session.db

    @property
    def directory(self) -> DeputyDirectory:
        if self._directory is None:
            self._directory = DeputyDirectory(self.db)
        return self._directory

    def require_station(self) -> Station | None:
        if self.station is None and not self._station_reported:
            self._station_reported = True
            assert self.station_missing is not None
            self.report.problems.append(RowProblem(0, "", self.station_missing))
        return self.station

    def warn(self, row: int, field: str, message: Text) -> None:
        column = self.header.header_of(field) if field else ""
        self.report.warnings.append(RowProblem(row, column, message))

    def record_uuid(self, *content: str) -> str:
        """Deterministic from the station, the ledger kind and the row's normalised content (with its
        occurrence counter last): the same row imported twice, or from a longer later copy of the same
        spreadsheet, is recognised instead of doubled."""
        station = self.station.uuid if self.station else ""
        return stable_uuid("ledger", station, self.header.kind, *content)

    def rows(self, data: Iterable[tuple[int, list[Any]]]) -> Iterable[Row]:
        for number, cells in data:
            self.report.rows += 1
            yield Row(number, cells, self.header, self.report.problems)


class Plan(Protocol):
    """The writes an import decided on, carried out only once every row has passed."""

    def apply(self, writer: Writer) -> None: ...
