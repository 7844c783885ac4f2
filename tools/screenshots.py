"""`make screenshots`: drive a real kiosk window headless through every screen, in Chinese and
English at 1920x1080 (and a few in portrait, 1080x1920), and write PNGs to docs/screens/.

Runs on a throw-away ledger in a temporary DIANDIAN_HOME, with the slip "printed" to a file.
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="diandian-shots-"))
os.environ["DIANDIAN_HOME"] = str(HOME)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
(HOME / "diandian.toml").write_text(
    f'[printer]\nkind = "file"\npath = "{HOME / "slip.bin"}"\n', encoding="utf-8"
)

from autopilot import Autopilot, wait_until  # noqa: E402 (tools/autopilot.py)
from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk import accounts  # noqa: E402
from kiosk.ledger import Ledger  # noqa: E402
from kiosk.paths import default_ledger  # noqa: E402
from kiosk.payment import SimulatedTerminal  # noqa: E402
from kiosk.venues import get_venue  # noqa: E402
from ui.app import load_font  # noqa: E402
from ui.window import KioskWindow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screens"


WINDOWS: list[KioskWindow] = []


def shoot(window: KioskWindow, name: str) -> None:
    QApplication.processEvents()
    path = OUT / f"{name}.png"
    window.grab().save(str(path))
    size = window.grab().size()
    print(f"wrote {path} ({size.width()}x{size.height()})")


def run(lang: str, size: tuple[int, int], suffix: str, everything: bool) -> None:
    window = KioskWindow(
        get_venue("demo-expo"),
        lang=lang,
        terminal=SimulatedTerminal(delay_s=0),
        poll_ms=50,
        idle_timeout_s=3600,
    )
    window.resize(*size)
    window.show()
    pilot = Autopilot(window)
    pilot.settle()
    tag = f"{lang}{suffix}"
    shoot(window, f"01-attract-{tag}")
    window.attract.btnStart.click()
    shoot(window, f"02-scenario-{tag}")
    window.scenario.cards["trip"].click()
    pilot.on("questionScreen")
    for char in "chengd" if lang == "en" else "beij":
        window.question.cityPicker.keyboard.type(char)
    shoot(window, f"03-question-city-{tag}")
    pilot.answer("beijing" if lang != "en" else "chengdu")
    if lang == "en":  # Chengdu to Chengdu needs a distance: the page says so
        pilot.answer("car_petrol")
        window.question.btnFinish.click()
        QApplication.processEvents()
        shoot(window, f"04b-question-problem-{tag}")
        pilot.start("trip")
        pilot.answer("beijing")
    shoot(window, f"04-question-choice-{tag}")
    pilot.answer("flight")
    while window.question.question is not None and window.question.question.key != "nights":
        window.question.btnNext.click()
    for char in "2":
        window.question.keypad.press(char)
    shoot(window, f"05-question-number-{tag}")
    window.question.btnNext.click()
    window.question.btnFinish.click()
    pilot.on("resultScreen")
    shoot(window, f"06-result-{tag}")
    pilot.to_projects()
    shoot(window, f"07-project-{tag}")
    next(iter(window.project.cards.values())).click()
    pilot.on("nicknameScreen")
    keyboard = window.nickname.keyboard
    keyboard.set_chinese(True)
    for char in "xiao":
        keyboard.type(char)
    keyboard.choose(keyboard.candidates()[0])
    for char in "ming":
        keyboard.type(char)
    shoot(window, f"08-nickname-{tag}")
    keyboard.choose("明" if "明" in keyboard.candidates() else keyboard.candidates()[0])
    window.nickname.btnDone.click()
    pilot.on("orderScreen")
    shoot(window, f"09-order-{tag}")
    order = window.session.order
    assert order is not None
    pilot.pay_at_counter(order)
    pilot.on("paidScreen")
    shoot(window, f"10-paid-{tag}")
    pilot.on("certificateScreen")
    wait_until(lambda: window.certificate.slip not in ("none", "printing"))
    shoot(window, f"11-certificate-{tag}")
    window.certificate.btnRanking.click()
    pilot.on("rankingScreen")
    shoot(window, f"12-ranking-{tag}")
    if everything:
        pilot.to_result("lifestyle")
        window.result.btnYear.click()
        shoot(window, f"13-result-lifestyle-{tag}")
        pilot.to_projects()
        window.idle.prompted.emit(12)
        shoot(window, f"14-idle-prompt-{tag}")
        window.flow.home()
        window.set_language(lang)
        window.guard.gestureMade.emit()
        pilot.on("staffSignInScreen")
        window.staffSignIn.pinpad.enter("0000")
        wait_until(lambda: window.staffSignIn.error != "")
        shoot(window, f"15-staff-signin-{tag}")
        window.staffSignIn.pinpad.enter("2468")
        pilot.on("staffScreen")
        shoot(window, f"16-staff-{tag}")
        window.fail(Exception("demo"))
        shoot(window, f"17-failure-{tag}")
        from kiosk.ledger import LedgerUnavailable

        window.fail(LedgerUnavailable(f"the ledger file {default_ledger()} has been removed"))
        shoot(window, f"18-out-of-service-{tag}")
    window.allow_close = True
    window.close()
    WINDOWS.append(window)  # kept until the process ends (see main)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_font()
    with Ledger.open(default_ledger()) as ledger:
        accounts.create(ledger, "Demo admin", "admin", "2468", actor="screenshots")
    for lang in ("zh", "en"):
        run(lang, (1920, 1080), "", everything=True)
    run("zh", (1080, 1920), "-portrait", everything=False)
    app.processEvents()


if __name__ == "__main__":
    main()
