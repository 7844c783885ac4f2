"""Look and size: one calm green palette and a style sheet scaled to the screen.

Sizes are designed for a 1080-pixel short side (1920x1080 landscape or 1080x1920 portrait) and
scaled by the real short side, so a 1366x768 panel gets the same layout, smaller. Touch targets
are never under 9 mm on the actual glass (from the screen's physical DPI) nor under 64 px; at
1080 px they are 80 px, about 21 mm on a 24-inch panel.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QScreen

DESIGN_SHORT_SIDE = 1080
TOUCH_MM = 9.0
MIN_TOUCH_PX = 64

COLORS = {
    "paper": "#f1f6f0",
    "surface": "#ffffff",
    "primary": "#2e7d4f",
    "primary_dark": "#1f5c39",
    "primary_soft": "#dcefe2",
    "accent": "#e8a33d",
    "ink": "#1b2a22",
    "muted": "#5f7066",
    "line": "#cfe0d3",
    "danger": "#b3452f",
    "danger_soft": "#f8e3de",
    "disabled": "#b9c6bd",
}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Pixel sizes for this screen: `u` is the scale factor, `touch` the minimum target."""

    u: float
    touch: int
    portrait: bool

    def px(self, design: float) -> int:
        return max(1, round(design * self.u))


def metrics_for(width: int, height: int, screen: QScreen | None = None) -> Metrics:
    u = max(0.5, min(width, height) / DESIGN_SHORT_SIDE)
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    nine_mm = round(TOUCH_MM / 25.4 * (dpi if dpi > 0 else 96.0))
    touch = max(nine_mm, MIN_TOUCH_PX, round(80 * u))
    return Metrics(u=u, touch=touch, portrait=height > width)


def stylesheet(m: Metrics) -> str:
    """The whole app's style sheet; widgets pick a look with the dynamic property `role`."""
    c, p = COLORS, m.px
    radius = p(18)
    border = p(3)
    # Qt's min-height is the content's: take the padding and border off, so that a button, a
    # key and a text field are exactly the touch target tall, not 30 % more
    button_h = m.touch - 2 * (p(8) + border)
    key_h = m.touch - 2 * border
    field_h = m.touch - 2 * (p(8) + border)
    return f"""
    QWidget {{ color: {c["ink"]}; font-size: {p(30)}px; }}
    QMainWindow, QStackedWidget, #kioskWindow > QWidget {{ background: {c["paper"]}; }}
    QLabel {{ background: transparent; }}
    QLabel[role="brand"] {{ font-size: {p(30)}px; font-weight: bold; color: {c["primary_dark"]}; }}
    QLabel[role="hero"] {{ font-size: {p(84)}px; font-weight: bold; color: {c["primary_dark"]}; }}
    QLabel[role="title"] {{ font-size: {p(52)}px; font-weight: bold; color: {c["ink"]}; }}
    QLabel[role="subtitle"] {{ font-size: {p(34)}px; color: {c["muted"]}; }}
    QLabel[role="huge"] {{ font-size: {p(120)}px; font-weight: bold; color: {c["primary"]}; }}
    QLabel[role="code"] {{ font-size: {p(120)}px; font-weight: bold; color: {c["ink"]};
        letter-spacing: {p(12)}px; }}
    QLabel[role="big"] {{ font-size: {p(44)}px; font-weight: bold; }}
    QLabel[role="muted"] {{ color: {c["muted"]}; font-size: {p(28)}px; }}
    QLabel[role="change"] {{ font-size: {p(64)}px; font-weight: bold;
        color: {c["primary_dark"]}; }}
    QLabel[role="cardname"] {{ font-size: {p(32)}px; font-weight: bold; }}
    QLabel[role="cardtext"] {{ color: {c["muted"]}; font-size: {p(24)}px; }}
    QLabel[role="cardprice"] {{ font-size: {p(26)}px; }}
    QLabel[role="small"] {{ color: {c["muted"]}; font-size: {p(22)}px; }}
    QLabel[role="error"] {{ color: {c["danger"]}; font-size: {p(30)}px; font-weight: bold; }}
    QLabel[role="notice"] {{ background: {c["primary_soft"]}; color: {c["primary_dark"]};
        border-radius: {p(14)}px; padding: {p(16)}px {p(24)}px; font-size: {p(30)}px; }}
    QLabel[role="warning"] {{ background: {c["danger_soft"]}; color: {c["danger"]};
        border-radius: {p(14)}px; padding: {p(16)}px {p(24)}px; font-size: {p(30)}px; }}
    QLabel[role="total"] {{ background: {c["primary_soft"]}; color: {c["primary_dark"]};
        border-radius: {p(14)}px; padding: {p(12)}px {p(24)}px; font-size: {p(32)}px;
        font-weight: bold; }}
    QLabel[role="display"] {{ background: {c["surface"]}; border: {p(3)}px solid {c["line"]};
        border-radius: {p(14)}px; padding: {p(4)}px {p(24)}px; font-size: {p(56)}px;
        font-weight: bold; min-height: {field_h}px; }}
    QLineEdit {{ background: {c["surface"]}; border: {border}px solid {c["primary"]};
        border-radius: {p(14)}px; padding: {p(8)}px {p(20)}px; font-size: {p(44)}px;
        min-height: {field_h}px; }}
    QFrame[role="card"] {{ background: {c["surface"]}; border: {p(3)}px solid {c["line"]};
        border-radius: {radius}px; }}
    QFrame[role="card"][selected="true"] {{ border-color: {c["primary"]}; }}
    QFrame[role="card"][soldout="true"] {{ background: #eef1ee; border-style: dashed; }}
    QFrame[role="header"] {{ background: {c["surface"]};
        border-bottom: {p(2)}px solid {c["line"]}; }}
    QFrame[role="overlay"] {{ background: rgba(27, 42, 34, 150); }}
    QFrame[role="dialog"] {{ background: {c["surface"]}; border-radius: {radius}px; }}
    QPushButton {{ min-height: {button_h}px; min-width: {m.touch}px; border-radius: {radius}px;
        padding: {p(8)}px {p(28)}px; font-size: {p(32)}px; font-weight: bold;
        background: {c["surface"]}; color: {c["primary_dark"]};
        border: {border}px solid {c["line"]}; }}
    QPushButton:pressed {{ background: {c["primary_soft"]}; }}
    QPushButton:disabled {{ color: {c["disabled"]}; border-color: {c["line"]}; }}
    QPushButton[role="primary"] {{ background: {c["primary"]}; color: white; border: none; }}
    QPushButton[role="primary"]:pressed {{ background: {c["primary_dark"]}; }}
    QPushButton[role="primary"]:disabled {{ background: {c["disabled"]}; color: white; }}
    QPushButton[role="start"] {{ background: {c["primary"]}; color: white; border: none;
        font-size: {p(52)}px; padding: {p(24)}px {p(96)}px; border-radius: {p(60)}px; }}
    QPushButton[role="choice"] {{ text-align: left; padding: {p(12)}px {p(28)}px;
        font-size: {p(34)}px; min-height: {m.touch - 2 * (p(12) + border)}px; }}
    QPushButton[role="choice"]:checked {{ background: {c["primary"]}; color: white;
        border-color: {c["primary"]}; }}
    QPushButton[role="key"] {{ font-size: {p(40)}px; padding: 0; border-radius: {p(14)}px;
        min-width: {round(m.touch * 0.8)}px; min-height: {key_h}px; }}
    QPushButton[role="candidate"] {{ font-size: {p(44)}px; padding: 0; border: none;
        min-width: {m.touch - p(16)}px; min-height: {m.touch}px; background: transparent; }}
    QPushButton[role="chip"] {{ font-size: {p(30)}px; padding: {p(4)}px {p(24)}px;
        border-radius: {p(40)}px; min-height: {m.touch - 2 * (p(4) + border)}px; }}
    QPushButton[role="chip"]:checked {{ background: {c["primary"]}; color: white; }}
    QPushButton[role="lang"] {{ font-size: {p(26)}px; padding: 0 {p(18)}px;
        border-radius: {p(14)}px; min-height: {key_h}px; }}
    QPushButton[role="lang"]:checked {{ background: {c["primary"]}; color: white;
        border-color: {c["primary"]}; }}
    QPushButton[role="danger"] {{ color: {c["danger"]}; }}
    QScrollArea {{ background: transparent; border: none; }}
    QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QScrollBar:vertical {{ width: {p(16)}px; background: transparent; }}
    QScrollBar::handle:vertical {{ background: {c["line"]}; border-radius: {p(8)}px; }}
    """


def set_role(widget: object, role: str) -> None:
    """Give a widget its look (a dynamic property the style sheet selects on)."""
    widget.setProperty("role", role)  # type: ignore[attr-defined]


TOUCH_ROW_PX = 48  # the console on a touch counter PC: tabs, list and table rows at least this


def console_stylesheet(m: Metrics) -> str:
    """The kiosk's look for the cashier console, with tabs and rows a finger can hit."""
    return (
        stylesheet(m)
        + f"""
    QTabBar::tab {{ min-height: {TOUCH_ROW_PX}px; padding: {m.px(8)}px {m.px(24)}px;
        font-size: {m.px(28)}px; }}
    QTabBar::tab:selected {{ background: {COLORS["primary_soft"]}; font-weight: bold; }}
    QListView::item {{ min-height: {TOUCH_ROW_PX}px; }}
    QComboBox {{ min-height: {TOUCH_ROW_PX}px; font-size: {m.px(30)}px; }}
    QDateEdit {{ min-height: {TOUCH_ROW_PX}px; }}
    """
    )
