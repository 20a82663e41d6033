"""The rule book: for each kind of record, every field (its label, its limits, its allowed values, whether it
is required) and the rules between fields, declared once.

Everything that lets a record in checks it here: the services' clean() behind the forms and the command line,
the ledger imports (app/ledger), and the rows arriving in a bundle (app/sync/tables.py, which compiles each
kind's checks once). The schema's CHECK constraints are tested against it (tests/app/test_rules_schema.py).

A new kind of record is one more module declaring its RecordRules, listed in BOOK.
"""

from __future__ import annotations

from app.rules.book import RecordRules, Rule
from app.rules.deputy import DEPUTIES
from app.rules.duty import DUTIES
from app.rules.fields import RuleBroken
from app.rules.item import ITEMS
from app.rules.item_event import ITEM_EVENTS
from app.rules.reception_day import RECEPTION_DAYS
from app.rules.station import STATIONS
from app.rules.stationing import STATIONINGS
from app.rules.visit import VISIT_DEPUTIES, VISITS

BOOK: dict[str, RecordRules] = {
    rules.table: rules
    for rules in (
        STATIONS,
        DEPUTIES,
        STATIONINGS,
        RECEPTION_DAYS,
        DUTIES,
        VISITS,
        VISIT_DEPUTIES,
        ITEMS,
        ITEM_EVENTS,
    )
}

__all__ = [
    "BOOK",
    "DEPUTIES",
    "DUTIES",
    "ITEMS",
    "ITEM_EVENTS",
    "RECEPTION_DAYS",
    "STATIONINGS",
    "STATIONS",
    "VISITS",
    "VISIT_DEPUTIES",
    "RecordRules",
    "Rule",
    "RuleBroken",
]
