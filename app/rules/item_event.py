"""办理记录: one line of an item's history. Append-only: never edited, so two copies merge as their union."""

from __future__ import annotations

from app.domain import ItemEventKind, ItemStatus
from app.i18n import Text, text
from app.rules.book import RecordRules, Rule
from app.rules.fields import ChoiceField, RefField, StampField, TextField


def a_note_says_something(kind: str, note: str) -> Text | None:
    if kind == ItemEventKind.NOTE.value and not note.strip():
        return text("请填写备注", "Please write the note")
    return None


ITEM_EVENTS = RecordRules(
    "item_events",
    text("办理记录", "item history"),
    [
        RefField("item_uuid", text("社情民意", "sentiment item"), "items"),
        StampField("at", text("时间", "time")),
        ChoiceField("kind", text("记录类型", "kind of entry"), ItemEventKind),
        ChoiceField("from_status", text("原状态", "status before"), ItemStatus, required=False),
        ChoiceField("to_status", text("新状态", "status after"), ItemStatus, required=False),
        TextField("note", text("备注", "note"), max_length=8000),
        TextField("operator", text("操作员", "operator"), max_length=100),
    ],
    [Rule("a_note_says_something", "note", ("kind", "note"), a_note_says_something, in_bundles=False)],
)
