"""Whose database this is: one station, or the district office. Set once, by `liaison init`."""

from __future__ import annotations

from app import settings, validate
from app.errors import UserError
from app.i18n import text
from app.services import stations
from app.session import Session
from app.sync import district_key, keystore
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
    passphrase: str | None = None,
    district_key_file: str = "",
) -> None:
    """The first run's answers saved together: the identity, the operator, the language, the passphrase and
    (at a station, if the clerk has it already) the district's key file — or none of them."""
    operator = check_operator(operator)
    key = district_key.read(district_key_file) if district_key_file and role != "district" else None
    with session.db.atomic():
        if role == "district":
            init_district(session, name=district_name, operator=operator, passphrase=passphrase)
        else:
            init_station(
                session,
                code=code,
                name=name,
                kind=kind,
                street=street,
                operator=operator,
                passphrase=passphrase,
                district=key,
            )
        settings.LANGUAGE.set(session.db, language)


def _passphrase(session: Session, passphrase: str | None) -> None:
    """Set the passphrase that encrypts the private keys (or check it, when `init` runs again). Without one
    given here, it is asked for through keystore's source when the keys are made."""
    if passphrase is None:
        return
    if keystore.protection(session.db) is None:
        keystore.protect(session.db, passphrase)
    else:
        keystore.unlock(session.db, passphrase)


def init_station(
    session: Session,
    *,
    code: str,
    name: str,
    kind: str,
    street: str,
    address: str = "",
    operator: str = "",
    passphrase: str | None = None,
    district: district_key.DistrictKey | None = None,
) -> str:
    """Set this database up as station `code`, with its keys, and (if given) the district's keys from its key
    file, so that the first bundle is already sealed."""
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
        _passphrase(session, passphrase)
        sync_keys.ensure_own_keys(session.db, district=False)
        if district is not None:
            district_key.install_key(session, district)
    return uuid


def init_district(session: Session, *, name: str, operator: str = "", passphrase: str | None = None) -> None:
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
        _passphrase(session, passphrase)
        sync_keys.ensure_own_keys(session.db, district=True)
