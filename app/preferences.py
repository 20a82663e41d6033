"""The clerk's preferences (设置 page): checked together, saved together, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import identity, settings, validate
from app.i18n import text
from app.session import Session

THEMES = ("light", "dark")
MAX_LOCK_MINUTES = 240
LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class Preferences:
    language: str
    theme: str
    operator: str
    backup_folder: str
    overdue_days: int
    lock_after_minutes: int = 0


def load(session: Session) -> Preferences:
    db = session.db
    return Preferences(
        language=settings.LANGUAGE.get(db),
        theme=settings.THEME.get(db),
        operator=settings.OPERATOR.get(db) or session.operator,
        backup_folder=settings.BACKUP_FOLDER.get(db),
        overdue_days=settings.OVERDUE_DAYS.get(db),
        lock_after_minutes=settings.LOCK_AFTER_MINUTES.get(db),
    )


def save(
    session: Session,
    *,
    language: str,
    theme: str,
    operator: str,
    backup_folder: str,
    overdue_days: object,
    lock_after_minutes: object = None,
) -> Preferences:
    """Every problem is reported at once, each under its field name; nothing is saved unless all are right."""
    checker = validate.FieldChecker()
    if language not in LANGUAGES:
        checker.fail("language", text("不支持的语言：{v}", "Unsupported language: {v}", v=language))
    if theme not in THEMES:
        checker.fail("theme", text("不支持的主题：{v}", "Unsupported theme: {v}", v=theme))
    name = checker.check("operator", identity.check_operator, operator)
    folder = (backup_folder or "").strip()
    if folder:
        path = Path(folder).expanduser()
        if path.exists() and not path.is_dir():
            checker.fail(
                "backup_folder", text("“{v}”是文件，不是文件夹", "“{v}” is a file, not a folder", v=folder)
            )
        elif not path.is_absolute():
            checker.fail(
                "backup_folder",
                text("请填写完整路径，如 D:\\备份", "Give a full path, e.g. D:\\Backups"),
            )
    text_days = str(overdue_days).strip()
    days = int(text_days) if text_days.isdigit() else None
    if days is None or not 1 <= days <= 365:
        checker.fail(
            "overdue_days",
            text("超期天数应为 1 到 365 之间的整数", "Overdue days must be a whole number from 1 to 365"),
        )
    lock = settings.LOCK_AFTER_MINUTES.get(session.db) if lock_after_minutes is None else None
    if lock is None:
        text_lock = str(lock_after_minutes).strip()
        lock = int(text_lock) if text_lock.isdigit() and int(text_lock) <= MAX_LOCK_MINUTES else None
        if lock is None:
            checker.fail(
                "lock_after_minutes",
                text(
                    "自动锁定应为 0 到 {n} 分钟（0 表示不锁定）",
                    "Lock after must be 0 to {n} minutes (0: never)",
                    n=MAX_LOCK_MINUTES,
                ),
            )
    checker.raise_if_any()
    assert days is not None and lock is not None
    db = session.db
    with db.atomic():
        settings.LANGUAGE.set(db, language)
        settings.THEME.set(db, theme)
        settings.OPERATOR.set(db, name)
        settings.BACKUP_FOLDER.set(db, folder)
        settings.OVERDUE_DAYS.set(db, days)
        settings.LOCK_AFTER_MINUTES.set(db, lock)
    session.operator = name
    return load(session)


def set_show_visitor_names_in_print(session: Session, show: bool) -> None:
    """Whether printed reports name the visitors (masked otherwise); phone numbers are never printed."""
    settings.SHOW_VISITOR_NAMES_IN_PRINT.set(session.db, show)
