"""Whose database this is: one station, or the district office. Set once, by `liaison init`."""

from __future__ import annotations

from app import settings, validate
from app.errors import UserError
from app.i18n import text
from app.services import stations
from app.session import Session
from app.sync import keys as sync_keys

OPERATOR_MAX_LENGTH = 30


def check_operator(name: str) -> str:
    """The operator's name, recorded with every change: required, at most 30 characters."""
    return validate.required_text(
        name, text("操作员姓名", "operator's name"), max_length=OPERATOR_MAX_LENGTH
    ).strip()


def set_up(
    session: Session,
    *,
    role: str,
    operator: str,
    language: str,
    district_name: str = "",
    code: str = "",
    name: str = "",
    kind: str = "",
    street: str = "",
) -> None:
    """The first run's answers saved together: the identity, the operator and the language, or none."""
    operator = check_operator(operator)
    with session.db.atomic():
        if role == "district":
            init_district(session, name=district_name, operator=operator)
        else:
            init_station(session, code=code, name=name, kind=kind, street=street, operator=operator)
        settings.LANGUAGE.set(session.db, language)


def init_station(
    session: Session, *, code: str, name: str, kind: str, street: str, address: str = "", operator: str = ""
) -> str:
    code = stations.check_code(code)
    role = session.role
    current_code = settings.STATION_CODE.get(session.db)
    if role == "district":
        raise UserError(
            text("此数据库已初始化为区人大汇总端", "This database is already the district office's")
        )
    if role == "station" and current_code != code:
        raise UserError(
            text(
                "此数据库已属于家站点 {c}，不能改为 {n}",
                "This database already belongs to station {c}; it cannot become {n}",
                c=current_code,
                n=code,
            )
        )
    with session.db.atomic():
        settings.ROLE.set(session.db, "station")
        settings.STATION_CODE.set(session.db, code)
        if operator:
            settings.OPERATOR.set(session.db, operator)
            session.operator = operator
        with session.write() as writer:
            uuid = stations.upsert(writer, code=code, name=name, kind=kind, street=street, address=address)
        sync_keys.ensure_own_keys(session.db, district=False)
    return uuid


def init_district(session: Session, *, name: str, operator: str = "") -> None:
    if session.role == "station":
        raise UserError(
            text(
                "此数据库已属于一个家站点，不能改为汇总端",
                "This database belongs to a station; it cannot become the district's",
            )
        )
    name = name.strip()
    if not name:
        raise UserError(text("请填写区人大名称", "Please give the district office's name"))
    with session.db.atomic():
        settings.ROLE.set(session.db, "district")
        settings.DISTRICT_NAME.set(session.db, name)
        if operator:
            settings.OPERATOR.set(session.db, operator)
            session.operator = operator
        sync_keys.ensure_own_keys(session.db, district=True)
