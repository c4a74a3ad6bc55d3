"""The user interface's language: Qt translators and the default locale, from one setting.

:func:`install_translation` turns ``appearance.language`` ("auto", "en", "ru") into a
:class:`QLocale`, makes it the default (so every ``QLocale()`` formats dates and numbers the
chosen way), and installs two translators: ours,
``resources/translations/newsdesk_<lang>.qm``, and Qt's own ``qtbase_<lang>.qm`` for the
standard buttons and dialogs ("OK", "Cancel"). English is the source language: its catalogue
holds only the plural forms ("1 feed failed", "3 feeds failed" for "%n feed(s) failed").

Call it before building any window: widgets read ``tr()`` and ``QLocale()`` as they are built.
Calling it again replaces both translators (Qt then sends ``LanguageChange`` to every widget),
but only widgets that retranslate themselves follow at once; the rest follow on the next start.

The catalogue is made by ``make translations`` (``pyside6-lupdate`` over ``ui/``, then
``pyside6-lrelease``). lupdate reads only literal strings in ``self.tr("...")`` and
``QCoreApplication.translate("Context", "...")``; a variable, an f-string, or a ``tr`` call
inside an f-string is silently skipped. Plural messages (``%n``) must use ``self.tr(text, "",
n)``: lupdate does not mark ``QCoreApplication.translate(context, text, "", n)`` as plural.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from newsdesk.core.resources import resource_path

log = logging.getLogger(__name__)

#: Languages with a catalogue in ``resources/translations`` (English's has plurals only).
TRANSLATED = ("en", "ru")
_SOURCE_LANGUAGE = "en"
_CATALOGUE = "translations/newsdesk_{language}.qm"
_OURS = "newsdeskTranslator"
_QT = "qtbaseTranslator"
_LANGUAGE_OF = {"en": QLocale.Language.English, "ru": QLocale.Language.Russian}
_DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


def locale_for(language: str) -> QLocale:
    """The locale ``language`` stands for.

    ``"auto"`` is the system locale. A language that is also the system's keeps the system's
    region ("en" on an en_GB system stays en_GB); otherwise the language's main region.
    An unknown value is logged and read as ``"auto"``.
    """
    system = QLocale.system()
    wanted = _LANGUAGE_OF.get(language)
    if wanted is None:
        if language != "auto":
            log.warning("Unknown UI language %r; using the system's", language)
        return system
    if system.language() == wanted:
        return system
    return QLocale(wanted)


def install_translation(app: QCoreApplication, language: str) -> QLocale:
    """Use ``language`` ("auto", "en", "ru") for the texts, dates and numbers of the UI.

    Sets the default locale and installs our catalogue and Qt's ``qtbase`` one for it, both
    parented to ``app`` so they live as long as it does. Translators installed by an earlier
    call are removed first. A missing catalogue is logged; the UI then stays in English.

    Args:
        app: The application.
        language: The ``appearance.language`` setting.

    Returns:
        The locale now in use (also ``QLocale()`` from here on).
    """
    uninstall_translation(app)
    locale = locale_for(language)
    QLocale.setDefault(locale)
    code = _translated_language(locale)
    ours = QTranslator(app)
    ours.setObjectName(_OURS)
    path = resource_path(_CATALOGUE.format(language=code))
    if ours.load(str(path)):
        QCoreApplication.installTranslator(ours)
    else:
        log.warning("The %s translation is missing or unreadable: %s", code, path)
        ours.setParent(None)  # Python's now: freed with this frame
    if code == _SOURCE_LANGUAGE:
        return locale
    qt = QTranslator(app)
    qt.setObjectName(_QT)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(locale, "qtbase", "_", folder):
        QCoreApplication.installTranslator(qt)
    else:
        log.info("Qt's own %s translation is not installed (in %s)", code, folder)
        qt.setParent(None)
    return locale


def uninstall_translation(app: QCoreApplication) -> None:
    """Remove the translators :func:`install_translation` installed (the default locale stays)."""
    for translator in app.findChildren(QTranslator, options=_DIRECT):
        if translator.objectName() in (_OURS, _QT):
            QCoreApplication.removeTranslator(translator)
            translator.setParent(None)  # Python's now: freed when the last reference goes


def _translated_language(locale: QLocale) -> str:
    """Which of our catalogues serves ``locale``: its language, else the first UI language we
    have, else English (the source language)."""
    languages = [QLocale(name).name().split("_")[0] for name in locale.uiLanguages()]
    languages.insert(0, locale.name().split("_")[0])
    if languages[0] == _SOURCE_LANGUAGE:
        return _SOURCE_LANGUAGE
    return next((code for code in languages if code in TRANSLATED), _SOURCE_LANGUAGE)
