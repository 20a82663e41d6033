"""社情民意: a sentiment item, and the workflow 提出 → 交办 → 承办 → 落实 → 反馈 its fields follow."""

from __future__ import annotations

from app.domain import ItemStatus, Satisfaction, SourceKind
from app.i18n import Text, text
from app.rules.book import RecordRules, Rule
from app.rules.fields import ChoiceField, DateField, RefField, TextField


def department_once_assigned(status: str, department: str) -> Text | None:
    reached = ItemStatus(status)
    if reached.rank >= ItemStatus.ASSIGNED.rank and not department:
        return text("状态为“{s}”时须填写承办单位", "Status “{s}” needs the handling department", s=reached)
    return None


def reply_once_resolved(status: str, reply: str) -> Text | None:
    reached = ItemStatus(status)
    if reached.rank >= ItemStatus.RESOLVED.rank and not reply:
        return text("状态为“{s}”时须填写办理结果", "Status “{s}” needs the handling reply", s=reached)
    return None


def satisfaction_after_feedback(status: str, satisfaction: str | None) -> Text | None:
    if satisfaction and status != ItemStatus.FED_BACK.value:
        return text(
            "只有已反馈的事项才能登记满意度（状态为“{s}”）",
            "Satisfaction can be recorded only after feedback (the status is “{s}”)",
            s=ItemStatus(status),
        )
    return None


def due_not_before_date(date: str, due_date: str | None) -> Text | None:
    if due_date and due_date < date:
        return text("办理期限不能早于登记日期", "The due date is before the item's date")
    return None


ITEMS = RecordRules(
    "items",
    text("社情民意", "sentiment item"),
    [
        TextField("item_no", text("编号", "item number"), max_length=60, required=True),
        RefField("station_uuid", text("家站点", "station"), "stations"),
        RefField("visit_uuid", text("来访登记", "visit"), "visits", required=False),
        DateField("date", text("登记日期", "date"), not_future=True),
        TextField("title", text("标题", "title"), max_length=100, required=True),
        TextField("content", text("内容", "content"), max_length=8000),
        TextField("category", text("类别", "category"), max_length=30),
        TextField("community", text("小区/居委", "community"), max_length=50),
        ChoiceField("source_kind", text("来源", "source"), SourceKind, default=SourceKind.RECEPTION),
        ChoiceField("status", text("状态", "status"), ItemStatus, default=ItemStatus.RAISED),
        TextField("department", text("承办单位", "handling department"), max_length=60),
        DateField("due_date", text("办理期限", "due date"), required=False),
        TextField("reply", text("办理结果", "handling reply"), max_length=8000),
        ChoiceField("satisfaction", text("满意度", "satisfaction"), Satisfaction, required=False),
    ],
    [
        # The workflow's steps: 交办 names the department, 落实 records the reply. An edit could once clear
        # either after the step, so bundles carry items that break these; only people's entries are held to them.
        Rule(
            "department_once_assigned",
            "department",
            ("status", "department"),
            department_once_assigned,
            in_bundles=False,
        ),
        Rule("reply_once_resolved", "reply", ("status", "reply"), reply_once_resolved, in_bundles=False),
        Rule(
            "satisfaction_after_feedback",
            "satisfaction",
            ("status", "satisfaction"),
            satisfaction_after_feedback,
        ),
        # Checked only when a due date is set at 交办; older edits were not held to it.
        Rule("due_not_before_date", "due_date", ("date", "due_date"), due_not_before_date, in_bundles=False),
    ],
)
