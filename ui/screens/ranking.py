"""The ranking: biggest offsets today at this venue, at this event, and all time on this kiosk,
with the customer's own place highlighted; every kiosk's, as the registry ranked them at the
last sync (with when that was); and a way back to their certificate (its QR stays reachable
until they tap Done)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.ranking import EVERYWHERE, SCOPES, Board
from kiosk.timestamps import CHINA_TIME, parse_stamp
from ui import fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.style import set_role

ROWS = 10


class RankingScreen(Screen):
    scopeChosen = Signal(str)
    certificateRequested = Signal()  # back to the visitor's certificate and its QR
    finishRequested = Signal()
    step = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("rankingScreen", parent)
        self.board: Board | None = None
        self.back = False
        self.lblTitle = label("lblRankingTitle", "title")
        self.tabs: dict[str, object] = {}
        self.group = QButtonGroup(self)
        tabs = QHBoxLayout()
        for scope in SCOPES:
            tab = button(f"btnScope_{scope}", "chip")
            tab.setCheckable(True)
            tab.clicked.connect(lambda _=False, s=scope: self.scopeChosen.emit(s))
            self.group.addButton(tab)
            self.tabs[scope] = tab
            tabs.addWidget(tab)
        tabs.addStretch(1)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(32)
        self.grid.setVerticalSpacing(6)
        self.rows: list[tuple[QLabel, QLabel, QLabel]] = []
        for i in range(ROWS + 1):
            row = (
                label(f"lblRank{i}", wrap=False),
                label(f"lblName{i}", wrap=False),
                label(f"lblMass{i}", wrap=False),
            )
            for column, cell in enumerate(row):
                self.grid.addWidget(cell, i, column)
            self.rows.append(row)
        self.grid.setColumnStretch(1, 1)
        self.lblEmpty = label("lblRankingEmpty", "muted")
        self.lblAsOf = label("lblRankingAsOf", "muted")
        self.btnCertificate = button("btnBackToCertificate")
        self.btnCertificate.clicked.connect(self.certificateRequested)
        self.btnFinish = button("btnRankingFinish", "primary")
        self.btnFinish.clicked.connect(self.finishRequested)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 40, 72, 32), 20)
        layout.addWidget(self.lblTitle)
        layout.addLayout(tabs)
        layout.addWidget(self.lblAsOf)
        layout.addLayout(self.grid)
        layout.addWidget(self.lblEmpty)
        layout.addStretch(1)
        layout.addLayout(nav_row(self.btnCertificate, None, self.btnFinish))

    def show_board(self, board: Board, back: bool = True) -> None:
        """BACK: the visitor has a certificate to go back to."""
        self.board, self.back = board, back
        self.tabs[board.scope].setChecked(True)  # type: ignore[attr-defined]
        self.retranslate()

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("Ranking"))
        names = {
            "today": self.tr("Today here"),
            "event": self.tr("This event"),
            "all": self.tr("All time"),
            EVERYWHERE: self.tr("All kiosks"),
        }
        for scope, tab in self.tabs.items():
            tab.setText(names[scope])  # type: ignore[attr-defined]
        self.btnFinish.setText(self.tr("Done"))
        self.btnCertificate.setText(self.tr("‹ My certificate"))
        self.btnCertificate.setVisible(self.back)
        board = self.board
        entries = list(board.entries) if board else []
        mine = board.mine if board else None
        if mine is not None and all(e.order_id != mine.order_id for e in entries):
            entries.append(mine)
        self.lblEmpty.setText(self.tr("No offsets yet: be the first!"))
        self.lblEmpty.setVisible(not entries)
        self.lblAsOf.setVisible(board is not None and board.scope == EVERYWHERE)
        if board is not None and board.scope == EVERYWHERE:
            self._show_as_of(board.as_of, bool(entries))
        for i, cells in enumerate(self.rows):
            entry = entries[i] if i < len(entries) else None
            for cell in cells:
                cell.setVisible(entry is not None)
                set_role(
                    cell, "total" if entry and mine and entry.order_id == mine.order_id else "big"
                )
                cell.style().unpolish(cell)
                cell.style().polish(cell)
            if entry is None:
                continue
            you = mine is not None and entry.order_id == mine.order_id
            name = entry.nickname or self.tr("Anonymous")
            cells[0].setText(f"{entry.rank}")
            cells[1].setText(self.tr("{name} (you)").format(name=name) if you else name)
            cells[2].setText(fmt.mass(entry.offset_g))

    def _show_as_of(self, as_of: str | None, any_entries: bool) -> None:
        if as_of is None:
            self.lblAsOf.setText(self.tr("The ranking of all kiosks arrives with the first sync."))
            return
        try:
            when = parse_stamp(as_of).astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = as_of
        self.lblAsOf.setText(self.tr("Every kiosk's sales, as of {time}").format(time=when))
        if not any_entries:
            self.lblEmpty.setText(self.tr("No kiosk has sold an offset with a nickname yet."))
