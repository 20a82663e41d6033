"""The order of an item's handling log, and the status and satisfaction that follow from it."""

from __future__ import annotations

import itertools

from app import undo
from app.operations import perform
from app.services import item_history, items
from app.services.item_history import Entry, derive, ordered
from app.session import Session

SECOND = "2024-05-06T08:00:00Z"


def step(
    uuid: str, before: str, after: str, *, lamport: int | None = None, at: str = SECOND, origin: str = "YP-01"
) -> Entry:
    return Entry(uuid, "status", before, after, "", at, origin, lamport)


def note(
    uuid: str, text: str, *, lamport: int | None = None, at: str = SECOND, origin: str = "YP-01"
) -> Entry:
    return Entry(uuid, "note", None, None, text, at, origin, lamport)


def created(lamport: int | None = None) -> Entry:
    return Entry("0-created", "created", None, "raised", "", SECOND, "YP-01", lamport)


# A workflow written in one second, as ledger imports and the demo write it (UUIDs in no useful order).
WORKFLOW = [
    created(),
    step("d", "raised", "assigned"),
    step("a", "assigned", "handling"),
    step("c", "handling", "resolved"),
    step("b", "resolved", "fed_back"),
    note("e", "satisfaction=satisfied"),
]


def test_steps_of_one_second_follow_their_chain_whatever_order_they_are_read_in() -> None:
    for arrangement in itertools.permutations(WORKFLOW):
        assert [e.uuid for e in ordered(arrangement)] == ["0-created", "d", "a", "c", "b", "e"]
        assert derive(arrangement) == item_history.Handling("fed_back", "satisfied", True)


def test_a_step_back_in_the_same_second_follows_the_step_it_goes_back_from() -> None:
    entries = [*WORKFLOW[:5], step("0", "fed_back", "resolved")]
    for arrangement in itertools.permutations(entries):
        assert derive(arrangement).status == "resolved"


def test_unstamped_entries_come_before_stamped_ones_and_stamps_order_the_rest() -> None:
    later = [
        step("z", "fed_back", "handling", lamport=1, at="2024-01-01T00:00:00Z"),  # an earlier clock, stamped
        step("y", "handling", "resolved", lamport=2),
    ]
    assert [e.uuid for e in ordered([*later, *WORKFLOW])][-2:] == ["z", "y"]
    assert derive([*later, *WORKFLOW]).status == "resolved"


def test_entries_written_at_both_ends_at_once_go_by_time_then_origin() -> None:
    station = step("b", "resolved", "fed_back", lamport=5, at="2024-05-06T08:00:00Z", origin="YP-01")
    office = step("a", "resolved", "handling", lamport=5, at="2024-05-06T08:00:01Z", origin="district")
    assert ordered([office, station]) == [station, office]
    same_second = step("a", "resolved", "handling", lamport=5, at=station.at, origin="district")
    assert ordered([same_second, station]) == [station, same_second]


def test_an_overtaken_step_forward_never_moves_the_item_back_and_a_step_back_always_does() -> None:
    history = [
        created(1),
        step("s1", "raised", "assigned", lamport=2),
        step("s2", "assigned", "handling", lamport=3),
        # The office, without having seen s1 and s2, edited the item and then assigned it.
        Entry("o1", "edit", None, None, "title", SECOND, "district", 2),
        step("o2", "raised", "assigned", lamport=3, origin="district"),
    ]
    assert derive(history).status == "handling"
    assert (
        derive([*history, step("o3", "assigned", "raised", lamport=4, origin="district")]).status == "raised"
    )


def test_satisfaction_counts_from_the_step_to_fed_back_and_an_undone_one_is_taken_off() -> None:
    history = [*WORKFLOW[:5], note("n1", "satisfaction=basically", lamport=1)]
    assert derive(history).satisfaction == "basically"
    history.append(note("n2", "satisfaction=unsatisfied", lamport=2))
    assert derive(history).satisfaction == "unsatisfied"
    history.append(note("n3", "撤销：satisfaction=unsatisfied", lamport=3))
    assert derive(history).satisfaction == "basically"
    history.append(step("n4", "fed_back", "resolved", lamport=4))
    assert derive(history) == item_history.Handling("resolved", None, True)
    history.append(step("n5", "resolved", "fed_back", lamport=5))
    assert derive(history) == item_history.Handling(
        "fed_back", None, True
    )  # a new feedback, not yet answered


def test_an_item_fed_back_before_the_log_held_its_satisfaction_says_it_does_not_know() -> None:
    assert derive(WORKFLOW[:5]) == item_history.Handling("fed_back", None, False)
    assert derive(WORKFLOW[:3]) == item_history.Handling("handling", None, True)
    assert derive([note("x", "电话回访")]).status is None  # only notes: the log says nothing of the status


def test_the_clerks_entries_are_stamped_after_those_from_before_the_stamp(station_session: Session) -> None:
    s = station_session
    uuid = items.create(s, date="2024-05-06", title="路灯不亮", content="")
    items.move(s, uuid, "assigned", department="区绿化市容局")
    with s.db.atomic():
        s.db.execute("UPDATE item_events SET lamport = NULL")  # as written before the stamp existed
    items.move(s, uuid, "handling")
    items.add_note(s, uuid, "已电话联系")
    log = items.history(s.db, uuid)
    assert [(e["kind"], e["to_status"], e["lamport"]) for e in log] == [
        ("created", "raised", None),
        ("status", "assigned", None),
        ("status", "handling", 1),
        ("note", None, 2),
    ]


def test_an_undone_step_back_from_fed_back_brings_the_satisfaction_back_into_the_log(
    station_session: Session,
) -> None:
    s = station_session
    uuid = items.create(s, date="2024-05-06", title="路灯不亮", content="")
    items.move(s, uuid, "assigned", department="区绿化市容局")
    items.move(s, uuid, "handling")
    items.move(s, uuid, "resolved", reply="已更换灯具")
    items.move(s, uuid, "fed_back", satisfaction="basically")
    back = perform(s, items.move, uuid, "resolved", reason="居民反映灯又坏了")
    assert derive(item_history.load(s.db, [uuid])[uuid]).satisfaction is None
    perform(s, undo.revert, back.changes.change_seqs)
    row = items.require(s.db, uuid)
    assert (row["status"], row["satisfaction"]) == ("fed_back", "basically")
    assert derive(item_history.load(s.db, [uuid])[uuid]) == item_history.Handling(
        "fed_back", "basically", True
    )
