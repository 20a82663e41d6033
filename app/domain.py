"""The domain's fixed vocabularies: codes stored in the database, and their labels in both languages."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

from app.i18n import Text, current_language, text


class Choice(StrEnum):
    """A stored code with a Chinese and an English label; parse() accepts any of the three and aliases."""

    @property
    def zh(self) -> str:
        return _LABELS[self][0]

    @property
    def en(self) -> str:
        return _LABELS[self][1]

    @property
    def label(self) -> str:
        return self.en if current_language() == "en" else self.zh

    @classmethod
    def parse(cls, value: str) -> Self | None:
        key = value.strip().lower()
        if not key:
            return None
        for member in cls:
            names = {member.value, member.zh.lower(), member.en.lower(), *_ALIASES.get(member, ())}
            if key in names:
                return member
        return None

    @classmethod
    def labels(cls) -> str:
        return "、".join(m.zh for m in cls) if current_language() != "en" else ", ".join(m.en for m in cls)


class StationKind(Choice):
    HOME = "home"
    STATION = "station"
    POINT = "point"


class DeputyLevel(Choice):
    NATIONAL = "national"
    MUNICIPAL = "municipal"
    DISTRICT = "district"


class Gender(Choice):
    MALE = "male"
    FEMALE = "female"


class ReceptionKind(Choice):
    REGULAR = "regular"
    THEMATIC = "thematic"
    DOOR_TO_DOOR = "door_to_door"
    JOINT = "joint"


class DutyStatus(Choice):
    SCHEDULED = "scheduled"
    PRESENT = "present"
    LEAVE = "leave"
    ABSENT = "absent"


class ItemStatus(Choice):
    RAISED = "raised"
    ASSIGNED = "assigned"
    HANDLING = "handling"
    RESOLVED = "resolved"
    FED_BACK = "fed_back"

    @property
    def rank(self) -> int:
        return list(ItemStatus).index(self)


class ItemEventKind(Choice):
    """What one line of an item's history records."""

    CREATED = "created"
    STATUS = "status"
    NOTE = "note"
    EDIT = "edit"


class Satisfaction(Choice):
    SATISFIED = "satisfied"
    BASICALLY = "basically"
    UNSATISFIED = "unsatisfied"


class SourceKind(Choice):
    RECEPTION = "reception"
    VISIT = "visit"
    LETTER = "letter"
    CALL = "call"
    OTHER = "other"


_LABELS: dict[Choice, tuple[str, str]] = {
    StationKind.HOME: ("代表之家", "Deputies' home"),
    StationKind.STATION: ("代表联络站", "Liaison station"),
    StationKind.POINT: ("代表联系点", "Contact point"),
    DeputyLevel.NATIONAL: ("全国", "National"),
    DeputyLevel.MUNICIPAL: ("市", "Municipal"),
    DeputyLevel.DISTRICT: ("区", "District"),
    Gender.MALE: ("男", "Male"),
    Gender.FEMALE: ("女", "Female"),
    ReceptionKind.REGULAR: ("常规接待日", "Regular reception day"),
    ReceptionKind.THEMATIC: ("专题接待", "Thematic reception"),
    ReceptionKind.DOOR_TO_DOOR: ("走访", "Door-to-door visit"),
    ReceptionKind.JOINT: ("市区联合接待", "Joint municipal-district reception"),
    DutyStatus.SCHEDULED: ("已排班", "Scheduled"),
    DutyStatus.PRESENT: ("到场", "Present"),
    DutyStatus.LEAVE: ("请假", "On leave"),
    DutyStatus.ABSENT: ("缺席", "Absent"),
    ItemStatus.RAISED: ("提出", "Raised"),
    ItemStatus.ASSIGNED: ("交办", "Assigned"),
    ItemStatus.HANDLING: ("承办", "Being handled"),
    ItemStatus.RESOLVED: ("落实", "Resolved"),
    ItemStatus.FED_BACK: ("反馈", "Fed back"),
    ItemEventKind.CREATED: ("登记", "Recorded"),
    ItemEventKind.STATUS: ("状态变更", "Status changed"),
    ItemEventKind.NOTE: ("备注", "Note"),
    ItemEventKind.EDIT: ("修改", "Edited"),
    Satisfaction.SATISFIED: ("满意", "Satisfied"),
    Satisfaction.BASICALLY: ("基本满意", "Basically satisfied"),
    Satisfaction.UNSATISFIED: ("不满意", "Unsatisfied"),
    SourceKind.RECEPTION: ("接待日", "Reception day"),
    SourceKind.VISIT: ("走访", "Visit"),
    SourceKind.LETTER: ("来信", "Letter"),
    SourceKind.CALL: ("来电", "Phone call"),
    SourceKind.OTHER: ("其他", "Other"),
}

_ALIASES: dict[Choice, tuple[str, ...]] = {
    StationKind.HOME: ("家", "代表家", "之家"),
    StationKind.STATION: ("站", "联络站"),
    StationKind.POINT: ("点", "联系点"),
    DeputyLevel.NATIONAL: ("全国人大代表", "全国人大", "国家"),
    DeputyLevel.MUNICIPAL: ("市人大代表", "市人大", "市级", "city"),
    DeputyLevel.DISTRICT: ("区人大代表", "区人大", "区级"),
    Gender.MALE: ("m",),
    Gender.FEMALE: ("f",),
    ReceptionKind.REGULAR: ("接待日", "代表接待日", "常规"),
    ReceptionKind.THEMATIC: ("专题", "专题接待日"),
    ReceptionKind.DOOR_TO_DOOR: ("走访", "上门走访", "door-to-door"),
    ReceptionKind.JOINT: ("联合接待", "市区联动", "joint reception"),
    DutyStatus.PRESENT: ("出席", "到"),
    DutyStatus.LEAVE: ("leave",),
    ItemStatus.RAISED: ("已提出", "待交办"),
    ItemStatus.ASSIGNED: ("已交办",),
    ItemStatus.HANDLING: ("办理中", "承办中", "handling"),
    ItemStatus.RESOLVED: ("已落实", "已办结", "办结"),
    ItemStatus.FED_BACK: ("已反馈", "fed back", "feedback"),
    Satisfaction.BASICALLY: ("basically satisfied",),
    SourceKind.RECEPTION: ("接待", "代表接待日", "来访"),
    SourceKind.LETTER: ("信件", "来信来访"),
    SourceKind.CALL: ("电话", "热线"),
}

# Categories stations use in practice; free text is allowed, these are offered first.
ITEM_CATEGORIES_ZH = (
    "城市建设",
    "物业管理",
    "交通出行",
    "环境卫生",
    "养老服务",
    "教育医疗",
    "社会保障",
    "公共安全",
    "市场监管",
    "文化体育",
    "其他",
)


# What each kind of record is called, in the order a change is named after the first one it touched (app/undo.py).
RECORD_NOUNS: dict[str, Text] = {
    "visits": text("来访登记", "visit"),
    "reception_days": text("接待日", "reception day"),
    "items": text("社情民意", "sentiment item"),
    "item_events": text("社情民意办理记录", "item handling"),
    "deputies": text("代表", "deputy"),
    "stationings": text("代表入驻", "stationing"),
    "duties": text("值班出勤", "attendance"),
    "stations": text("家站点", "station"),
    "visit_deputies": text("接待代表", "receiving deputies"),
}
