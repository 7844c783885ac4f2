"""The screens say a certificate's claim in the same words as the slips and the page: every
claim key has a screen string, and its Chinese and French translations are the core's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.certificate.claims import LABELS
from ui import claimwords
from ui.i18n import QT_NAMES, qm_path

pytestmark = pytest.mark.gui


def test_every_claim_key_has_a_screen_string_in_english(qapp) -> None:
    words = claimwords.words()
    assert set(words) == set(LABELS)
    assert words == {key: texts["en"] for key, texts in LABELS.items()}


@pytest.mark.parametrize("lang", ["zh", "fr"])
def test_the_translations_are_the_slips_words(qapp, lang: str) -> None:
    translator = QTranslator()
    assert translator.load(str(qm_path(lang))), f"run `make translations` ({QT_NAMES[lang]})"
    QCoreApplication.installTranslator(translator)
    try:
        words = claimwords.words()
    finally:
        QCoreApplication.removeTranslator(translator)
    assert words == {key: texts[lang] for key, texts in LABELS.items()}
