"""The language the interface speaks: chosen from $CRM_LANG, the `general/language` setting or
the system's, and installed as the default QLocale with our and Qt's translations.

The settings dialog and the welcome store the setting (ui/preferences.py); `app.launch`
installs it at start-up, and again after the welcome, whose choice applies at once.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

# The QSettings key of the user's language ("" or "system" follow the system's, else "en" or
# "zh_CN": ui/preferences.py), and an environment variable that overrides the setting (tests,
# screenshots): "system", "en", "zh_CN".
LANGUAGE_KEY = "general/language"
LANGUAGE_ENV = "CRM_LANG"


def chosen_locale(settings: QSettings | None = None) -> QLocale:
    """The locale the interface speaks and formats in: $CRM_LANG, else the `general/language`
    setting, else the system's. "en" keeps the system's region when the system speaks English
    (British dates stay British), else it is US English."""
    from PySide6.QtCore import QLocale

    choice = os.environ.get(LANGUAGE_ENV, "").strip()
    if not choice and settings is not None:
        choice = str(settings.value(LANGUAGE_KEY, "") or "").strip()
    system = QLocale.system()
    if not choice or choice == "system":
        return system
    if choice == "en":
        english = QLocale.Language.English
        return system if system.language() == english else QLocale("en_US")
    locale = QLocale(choice)
    if locale.language() == QLocale.Language.C:
        log.warning("unknown language %r: using the system's", choice)
        return system
    return locale


def install_translations(app: QCoreApplication, locale: QLocale | None = None,
                         settings: QSettings | None = None) -> list[QTranslator]:
    """Speak `locale` (default: :func:`chosen_locale`): it becomes the default QLocale (so
    dates, numbers and money are formatted for it), and our translation
    (resources/translations/crm_desktop_<locale>.qm) and Qt's own (qtbase_<locale>.qm: the
    standard dialogs and buttons) are installed when there are any. Translators installed by
    an earlier call are removed first. English needs none (the source texts are English)."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from crm_desktop.app import resources_dir

    locale = locale or chosen_locale(settings)
    QLocale.setDefault(locale)
    for old in app.findChildren(QTranslator, "crm_desktop_translator"):
        app.removeTranslator(old)
        old.deleteLater()
    installed: list[QTranslator] = []
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return installed
    folders = [("crm_desktop", str(resources_dir() / "translations")),
               ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    for name, folder in folders:
        translator = QTranslator(app)
        translator.setObjectName("crm_desktop_translator")
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.info("no %s translation for %s in %s", name, locale.name(), folder)
            translator.deleteLater()
    return installed


def use_language(app: QCoreApplication, settings: QSettings,
                 installed: list[QTranslator]) -> list[QTranslator]:
    """Install the translations of the chosen language (replacing `installed`); dates, numbers
    and country names follow it too."""
    from PySide6.QtCore import QLocale

    for translator in installed:
        app.removeTranslator(translator)
    locale = chosen_locale(settings)
    QLocale.setDefault(locale)
    installed[:] = install_translations(app, locale)
    return installed
