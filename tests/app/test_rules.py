"""The rule book's fields and rules: what a person may write, what a bundle must carry, and that a value breaking
a rule is told in the same words both ways."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.domain import Choice, ItemStatus
from app.errors import ValidationError
from app.i18n import text
from app.rules import BOOK, DUTIES, ITEMS, RECEPTION_DAYS, VISITS, RecordRules, Rule, RuleBroken
from app.rules.fields import ChoiceField, CountField, DateField, RefField, TextField
from app.sync.tables import RowRefused, compile_spec
from db import clock


def people(rules: RecordRules, field: str, raw: object) -> Any:
    return rules.field(field).clean(raw)


def bundle(rules: RecordRules, field: str, cell: str) -> Any:
    return rules.field(field).wire()(cell)


def refusal(read: Any, *args: Any) -> RuleBroken:
    with pytest.raises(RuleBroken) as broken:
        read(*args)
    return broken.value


@pytest.mark.parametrize(("raw", "expected"), [("", 1), ("3", 3), (2, 2), ("5人", 5), ("4.0", 4), (None, 1)])
def test_headcount_as_people_write_it(raw: object, expected: int) -> None:
    assert people(VISITS, "headcount", raw) == expected


@pytest.mark.parametrize("raw", ["0", "-2", "two", "1.5", "10001"])
def test_bad_headcount(raw: str) -> None:
    refusal(people, VISITS, "headcount", raw)


@pytest.mark.parametrize(
    ("rules", "field", "value"),
    [
        (VISITS, "headcount", "0"),
        (VISITS, "headcount", "-2"),
        (VISITS, "headcount", "10001"),
        (VISITS, "headcount", "two"),
        (VISITS, "raised", " "),
        (VISITS, "raised", "问" * 4001),
        (VISITS, "phone", "138123456789"),
        (VISITS, "phone", "021-123"),
        (VISITS, "date", "2031-01-01"),
        (RECEPTION_DAYS, "theme", "主" * 101),
        (ITEMS, "status", "done"),
        (ITEMS, "satisfaction", "很好"),
        (BOOK["stations"], "code", "YP 01"),
    ],
)
def test_a_broken_rule_is_told_in_the_same_words_typed_and_in_a_bundle(
    rules: RecordRules, field: str, value: str
) -> None:
    typed = refusal(people, rules, field, value)
    carried = refusal(bundle, rules, field, value)
    assert (typed.field, typed.message.render("zh_CN")) == (carried.field, carried.message.render("zh_CN"))
    assert typed.message.render("en") == carried.message.render("en")
    assert carried.shown is None  # the rule's words, not a complaint about the cell's shape


def test_a_person_may_write_labels_and_shapes_a_bundle_may_not() -> None:
    assert people(ITEMS, "status", "已办结") == "resolved"
    assert people(ITEMS, "date", "2023年3月15日") == "2023-03-15"
    assert people(VISITS, "phone", "+86 138-1234-5678") == "13812345678"
    assert people(BOOK["stations"], "code", " yp-01 ") == "YP-01"
    for rules, field, cell in [
        (ITEMS, "date", "2023/3/15"),
        (VISITS, "phone", "138-1234-5678"),
        (BOOK["stations"], "code", "yp-01"),
        (BOOK["deputies"], "deputy_no", "npc-3"),
    ]:
        assert refusal(bundle, rules, field, cell).shown == cell
    assert "“已办结”无法识别" in refusal(bundle, ITEMS, "status", "已办结").message.render("zh_CN")


def test_empty_fields_take_their_default_or_blank_or_are_required() -> None:
    assert people(RECEPTION_DAYS, "kind", "") == "regular"
    assert people(ITEMS, "satisfaction", "") is None
    assert people(BOOK["deputies"], "gender", "") == ""
    assert people(BOOK["deputies"], "deputy_no", "") is None
    assert refusal(people, BOOK["deputies"], "level", "").message.render("zh_CN") == "请填写代表层级"
    # A bundle's empty cell is what the record holds: no default is filled in for it.
    assert refusal(bundle, RECEPTION_DAYS, "kind", "").message.render("zh_CN") == "请填写接待类型"
    assert bundle(ITEMS, "satisfaction", "") is None
    assert bundle(BOOK["deputies"], "gender", "") == ""


def test_a_bundle_allows_for_a_station_clock_a_day_ahead() -> None:
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    assert "之后" in refusal(people, VISITS, "date", tomorrow).message.render("zh_CN")
    assert bundle(VISITS, "date", tomorrow) == tomorrow
    assert people(RECEPTION_DAYS, "date", tomorrow) == tomorrow  # a reception day may be planned


def test_a_rule_is_checked_when_the_field_it_is_told_beside_is_given() -> None:
    with pytest.raises(ValidationError) as refused:
        RECEPTION_DAYS.clean({"start_time": "14:00", "end_time": "10:00"})
    assert [e.field for e in refused.value.errors] == ["end_time"]
    # Changing the end time alone: the start time is the day's own.
    with pytest.raises(ValidationError):
        RECEPTION_DAYS.clean({"end_time": "10:00"}, current={"start_time": "14:00", "end_time": "16:00"})
    # The day's other fields changed: a rule about the end time is not this change's business.
    assert RECEPTION_DAYS.clean({"theme": "加装电梯"}, current={"start_time": "14:00", "end_time": "10:00"})
    # A field its own check refused is not judged again by a rule.
    with pytest.raises(ValidationError) as refused:
        RECEPTION_DAYS.clean({"start_time": "25:00", "end_time": "10:00"})
    assert [e.field for e in refused.value.errors] == ["start_time"]


def test_attendance_is_a_fact_only_once_the_day_has_come() -> None:
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    assert DUTIES.clean({"status": "请假"}, context={"day_date": tomorrow}) == {"status": "leave"}
    with pytest.raises(ValidationError) as refused:
        DUTIES.clean({"status": "到场"}, context={"day_date": tomorrow})
    assert refused.value.errors[0].message.render("zh_CN") == f"接待日{tomorrow}尚未到来，不能登记到场"
    assert DUTIES.clean({"status": "present"}, context={"day_date": clock.today().isoformat()})


def test_the_workflow_rules() -> None:
    item = {"date": "2026-03-01", "status": "assigned", "department": "", "reply": "", "satisfaction": None}
    errors = ITEMS.rule_errors({**item, "status": "resolved"})
    assert [e.field for e in errors] == ["department", "reply"]
    assert ITEMS.rule_errors({**item, "department": "区建管委"}, given=["department"]) == []
    [late] = ITEMS.rule_errors({**item, "due_date": "2026-02-01"}, given=["due_date"])
    assert late.field == "due_date"
    [early] = ITEMS.rule_errors({**item, "department": "区建管委", "satisfaction": "satisfied"})
    assert early.message.render("zh_CN") == "只有已反馈的事项才能登记满意度（状态为“交办”）"


def test_every_enum_field_uses_an_enum_of_the_domain() -> None:
    for rules in BOOK.values():
        for field in rules.fields:
            if isinstance(field, ChoiceField):
                assert issubclass(field.choices, Choice), (rules.table, field.name)


def test_a_new_kind_of_record_is_one_declaration() -> None:
    """A kind not yet in the app (a deputy's suggestion): declared once, checked typed and in a bundle alike."""

    def signed_by_a_lead(lead: str | None, cosigners: str) -> Any:
        return None if lead or not cosigners else text("附议须有领衔代表", "Co-signers need a lead deputy")

    suggestions = RecordRules(
        "suggestions",
        text("代表建议", "deputy's suggestion"),
        [
            RefField("lead_uuid", text("领衔代表", "lead deputy"), "deputies", required=False),
            TextField("cosigners", text("附议代表", "co-signers"), max_length=200),
            TextField("title", text("建议标题", "title"), max_length=100, required=True),
            DateField("date", text("提出日期", "date"), not_future=True),
            ChoiceField("status", text("办理状态", "status"), ItemStatus, default=ItemStatus.RAISED),
            CountField("votes", text("票数", "votes"), low=0, high=500, default=0),
        ],
        [Rule("signed_by_a_lead", "cosigners", ("lead_uuid", "cosigners"), signed_by_a_lead)],
    )
    typed = {"lead_uuid": "", "cosigners": "张三", "title": "加装电梯", "date": "2026/3/1", "votes": ""}
    with pytest.raises(ValidationError) as refused:
        suggestions.clean(typed)
    assert refused.value.errors[0].message.render("zh_CN") == "附议须有领衔代表"

    spec = compile_spec(suggestions)
    meta = [
        "5e0c8f9e-8a9b-4c1d-9e2f-0a1b2c3d4e5f",
        "YP-01",
        "2026-03-01T08:00:00Z",
        "2026-03-01T08:00:00Z",
        "1",
    ]
    row = [*meta, '{"YP-01":1}', "", "张三", "加装电梯", "2026-03-01", "raised", "0"]
    with pytest.raises(RowRefused) as refused_row:
        spec.check_row(row)
    assert refused_row.value.message.render("zh_CN") == "cosigners：附议须有领衔代表"
