"""Printed summaries (reportlab, no Qt): the station's monthly report and the district's annual report.

Every headline figure comes from app.stats.compute for the same period and scope; the breakdowns (per
reception day, per station, per month, per deputy) come from queries in app.reports.queries.
"""

from __future__ import annotations

from app.reports.annual import build_annual
from app.reports.monthly import build_monthly
from app.reports.result import ReportResult, save_copy

__all__ = ["ReportResult", "build_annual", "build_monthly", "save_copy"]
