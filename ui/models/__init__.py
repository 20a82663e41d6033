"""Table models over the database, read a page at a time; filtering and sorting are done in SQL."""

from ui.models.deputies_model import DeputiesTableModel
from ui.models.items_model import ItemsTableModel
from ui.models.reception_days_model import ReceptionDaysTableModel
from ui.models.roles import ObjectRole, SortRole
from ui.models.visits_model import VisitsTableModel

__all__ = [
    "DeputiesTableModel",
    "ItemsTableModel",
    "ObjectRole",
    "ReceptionDaysTableModel",
    "SortRole",
    "VisitsTableModel",
]
