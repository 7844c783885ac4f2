"""Languages: Chinese by default, English and French one tap away.

Visible strings are English in the source (`self.tr(...)`) and translated by Qt from the
compiled `.qm` files in resources/translations/ (built from the committed `.ts` by `make`).
Data labels (scenarios, questions, factors, venues, projects) come from the data files' own
zh/en/fr fields instead. A missing `.qm` falls back to English, logged, never a crash.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

from kiosk.resources import resource

LANGS = ("zh", "en", "fr")
DEFAULT = "zh"
QT_NAMES = {"zh": "zh_CN", "fr": "fr"}  # English is the source language: no file
NAMES = {"zh": "中文", "en": "English", "fr": "Français"}  # each in its own language
log = logging.getLogger(__name__)
_current = ["en"]  # the language the app speaks now (numbers follow it: ui/fmt.py)


def current() -> str:
    """The language of the translator installed last (English when none)."""
    return _current[0]


def qm_path(lang: str) -> Path:
    return Path(str(resource("translations", f"diandian_{QT_NAMES[lang]}.qm")))


class Translations:
    """Installs one translator at a time on the application. Translators are children of
    `owner` (the main window): destroyed with it, they leave the application too."""

    def __init__(self, owner: QObject) -> None:
        self.owner = owner
        self._current: QTranslator | None = None
        self.lang = "en"

    def use(self, lang: str) -> bool:
        """Switch the app to `lang`; False if its `.qm` was missing (English shown instead)."""
        app = QCoreApplication.instance()
        if self._current is not None and app is not None:
            app.removeTranslator(self._current)
            self._current.deleteLater()
            self._current = None
        self.lang = lang
        _current[0] = lang
        if lang not in QT_NAMES or app is None:
            return True
        translator = QTranslator(self.owner)
        path = qm_path(lang)
        if not translator.load(str(path)):
            log.warning("no compiled translation %s (run `make`); showing English", path)
            return False
        app.installTranslator(translator)
        self._current = translator
        return True
