"""Every string a visitor sees in the Chinese UI is Chinese: walking every screen of the kiosk in
Chinese and in English, no visible text may be the same in both unless it is a name, a unit, a
figure or a code (the explicit allow-list below). The console's walk: tests/ui/cashier."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTabBar,
    QTableWidget,
    QWidget,
)

from kiosk import accounts
from kiosk.ledger import Ledger
from tools.autopilot import tour

pytestmark = pytest.mark.gui

# Names and words that are the same in every language: they may appear as they are.
NAMES = {"English", "Français", "中文", "EN", "Wang", "alice", "root", "DESNZ", "CCER", "CDCER"}
# What a string may hold besides them: figures, units, codes, serials, symbols.
TYPED = {"lblComposing", "lblStaffWho"}  # what the person typed, shown back to them
NEUTRAL = re.compile(
    r"https?://\S*"  # an address
    r"|\bK[0-9A-Z]{9}(?:-\d{6})?\b"  # a kiosk id, a certificate number
    r"|\b[0-9A-Z]{3} ?[0-9A-Z]{3}\b"  # an order code
    r"|\b(?:kg|km|kWh|t|CO2e|CO₂e|m³)\b"  # units
    r"|[\d.,:%/\s\u00a0\u202f¥#·×→‹›()\-–—●⌫⇧✓…]+"  # figures and punctuation
)


def words_left(text: str) -> str:
    """TEXT without its neutral parts: what would have to be translated.

    Codes go first and names only as whole words: a random order code such as "EN9 KF3" must
    not lose its "EN" to the name list and leave "KF3" looking like an English word."""
    text = NEUTRAL.sub(" ", text)
    for name in NAMES:
        text = re.sub(rf"(?<![0-9A-Za-z]){re.escape(name)}(?![0-9A-Za-z])", " ", text)
    return " ".join(part for part in text.split() if re.search(r"[A-Za-z]{2,}", part))


def visible_texts(root: QWidget) -> dict[str, str]:
    """Every text shown in ROOT's window, keyed by where it is (object names up the tree)."""
    QApplication.processEvents()
    found: dict[str, str] = {}

    def key(widget: QWidget, extra: str = "") -> str:
        names, node = [], widget
        while node is not None and node is not root:
            names.append(node.objectName() or type(node).__name__)
            node = node.parentWidget()
        return "/".join(reversed(names)) + extra

    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.objectName() in TYPED:
            continue
        if isinstance(widget, QLabel | QPushButton) and widget.text():
            found[key(widget)] = widget.text()
        elif isinstance(widget, QLineEdit) and widget.placeholderText() and not widget.text():
            found[key(widget, "#placeholder")] = widget.placeholderText()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                found[key(widget, f"#{i}")] = widget.tabText(i)
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                found[key(widget, f"#{i}")] = widget.item(i).text()
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                if header is not None:
                    found[key(widget, f"#h{column}")] = header.text()
        elif isinstance(widget, QComboBox):
            found[key(widget)] = widget.currentText()
    return found


def untranslated(zh: dict[str, dict[str, str]], en: dict[str, dict[str, str]]) -> list[str]:
    problems = []
    for screen, texts in zh.items():
        for where, text in texts.items():
            if en.get(screen, {}).get(where) == text and words_left(text):
                problems.append(f"{screen}: {where}: {text!r}")
    return problems


def _kiosk_walk(kiosk, lang: str) -> dict[str, dict[str, str]]:
    window, pilot = kiosk(lang=lang, idle_timeout_s=3600)
    window.session.default_lang = lang
    seen = {}
    for screen in tour(pilot, ("Wang", "2468")):
        pilot.settle()
        seen[screen] = visible_texts(window)
    window.allow_close = True
    window.close()  # its translator leaves the application with it
    return seen


def test_the_chinese_kiosk_shows_no_english(kiosk, home: Path, slip_file):
    with Ledger.open(home / "ledger.sqlite") as ledger:
        accounts.create(ledger, "Wang", "admin", "2468", actor="test")
    zh = _kiosk_walk(kiosk, "zh")
    en = _kiosk_walk(kiosk, "en")
    assert zh.keys() == en.keys()
    problems = untranslated(zh, en)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "EN9 KF3   ¥9.00   05:02:39",  # an order code that starts with a name (CI, stop 21)
        "3EN WAN   ¥1.00",
        "KENROOT123-000002",  # a certificate number holding two names
        "Wang · EN · 中文",
    ],
)
def test_codes_holding_a_name_are_neutral(text: str):
    assert words_left(text) == ""


def test_a_name_inside_a_word_does_not_hide_the_word():
    assert words_left("Pay at the counter") == "Pay at the counter"
    assert words_left("ENter your code") == "ENter your code"
