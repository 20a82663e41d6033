"""Qt translations: every area's <area>_zh_CN.qm from resources/translations, plus Qt's own strings."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import i18n
from app.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")  # English is the source language: it needs no translator

_installed: list[QTranslator] = []


def install(language: str) -> str:
    """Switch the application's translators to `language`; returns the language actually set.

    Widgets then need retranslate_ui(); Qt sends QEvent.LanguageChange to every widget as well.
    """
    app = QCoreApplication.instance()
    language = "en" if language.lower().startswith("en") else "zh_CN"
    i18n.set_language(language)
    # Month and day names in calendars follow the language, not the machine's locale.
    QLocale.setDefault(
        QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
        if language == "en"
        else QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    )
    if app is None:
        return language
    uninstall()
    if language == "en":
        return language
    folder = resource_path("translations")
    for qm in sorted(folder.glob(f"*_{language}.qm")) if folder.is_dir() else []:
        translator = QTranslator(app)
        if translator.load(str(qm)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load translation %s", qm)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_translator = QTranslator(app)
    if qt_translator.load(f"qtbase_{language}", qt_dir):  # standard buttons and dialogs
        app.installTranslator(qt_translator)
        _installed.append(qt_translator)
    return language


def uninstall() -> None:
    """Remove every translator this module installed (tests leave the application as they found it)."""
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Mark `source` for translation in `context` without translating it now (a module-level table's labels
    are translated where they are shown). lupdate finds the call by this name; unlike PySide6's own, which
    returns object, this one is typed as str."""
    return source
