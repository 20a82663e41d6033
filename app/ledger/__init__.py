"""Imports of what stations already keep in Excel/WPS: the roster and the reception, visit and
sentiment-item ledgers. A file is imported whole or not at all, and importing it again adds nothing."""

from app.ledger.importer import import_file
from app.ledger.report import ImportReport, LedgerRefused, RowProblem

__all__ = ["ImportReport", "LedgerRefused", "RowProblem", "import_file"]
