"""Item data roles every table model answers beyond Qt's own."""

from __future__ import annotations

from PySide6.QtCore import Qt

# The whole record of a row, as a dict (what object_at() returns).
ObjectRole = int(Qt.ItemDataRole.UserRole) + 1
# The raw stored value of a cell (an ISO date, a status code), for sorting proxies and tests.
SortRole = int(Qt.ItemDataRole.UserRole) + 2
