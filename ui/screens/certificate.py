"""The certificate: its QR to take to a phone, the slip's printing status (with a retry), and
a preview of the share image the certificate page offers."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.checkout import Certificate
from ui import claimwords, fmt
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.qrview import QrView

SLIP_STATES = ("none", "printing", "printed", "unconfirmed", "failed", "no_printer")
RETRY_STATES = ("unconfirmed", "failed")


class CertificateScreen(Screen):
    retryPrintRequested = Signal()
    rankingRequested = Signal()
    finishRequested = Signal()
    step = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("certificateScreen", parent)
        self.cert: Certificate | None = None
        self.slip = "none"
        self.lblTitle = label("lblCertTitle", "title")
        self.lblSerial = label("lblSerial", "muted")
        self.lblNickname = label("lblCertNickname", "big")
        self.lblClaims = label("lblCertClaims", "subtitle")
        self.lblOffset = label("lblCertOffset", "subtitle")
        self.lblCredits = label("lblCertCredits", "muted")
        self.lblProject = label("lblCertProject", "subtitle")
        self.lblSlip = label("lblSlip", "notice")
        self.btnRetry = button("btnRetryPrint")
        self.btnRetry.clicked.connect(self.retryPrintRequested)
        self.qr = QrView()
        self.lblScan = label("lblScan", "muted", center=True)
        self.imgShare = QLabel()
        self.imgShare.setObjectName("imgShare")
        self.imgShare.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lblShare = label("lblShare", "small", center=True)
        self.btnRanking = button("btnSeeRanking")
        self.btnRanking.clicked.connect(self.rankingRequested)
        self.btnFinish = button("btnCertFinish", "primary")
        self.btnFinish.clicked.connect(self.finishRequested)
        facts = QVBoxLayout()
        facts.setSpacing(14)
        for widget in (
            self.lblTitle,
            self.lblClaims,
            self.lblNickname,
            self.lblOffset,
            self.lblProject,
            self.lblCredits,
            self.lblSerial,
            self.lblSlip,
            self.btnRetry,
        ):
            facts.addWidget(widget)
        facts.addStretch(1)
        code = QVBoxLayout()
        code.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code.addWidget(self.lblScan)
        code.addStretch(1)
        share = QVBoxLayout()
        share.addWidget(self.imgShare)
        share.addWidget(self.lblShare)
        share.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(56)
        self.body.addLayout(facts, 4)
        self.body.addLayout(code, 3)
        self.body.addLayout(share, 2)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 40, 72, 32))
        layout.addLayout(self.body, 1)
        layout.addLayout(nav_row(None, self.btnRanking, self.btnFinish))

    def relayout(self) -> None:
        self.qr.set_side(self.metrics.px(440))
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom
            if self.metrics.portrait
            else QBoxLayout.Direction.LeftToRight
        )
        self._show_share()

    def show_certificate(self, cert: Certificate) -> None:
        self.cert = cert
        self.qr.set_text(cert.qr_text)
        self._show_share()
        self.retranslate()

    def _show_share(self) -> None:
        if self.cert is None:
            return
        pixmap = QPixmap()
        pixmap.loadFromData(self.cert.share_png, "PNG")
        height = self.metrics.px(400 if self.metrics.portrait else 560)
        self.imgShare.setPixmap(
            pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        )

    def set_slip(self, state: str) -> None:
        self.slip = state
        self.retranslate()

    def retranslate(self) -> None:
        self.lblTitle.setText(claimwords.title(self.cert.claim) if self.cert else "")
        self.lblScan.setText(self.tr("Scan with your phone to keep your certificate"))
        self.lblShare.setText(self.tr("Share image, on your certificate page"))
        self.btnRanking.setText(self.tr("See the ranking"))
        self.btnFinish.setText(self.tr("Done"))
        self.btnRetry.setText(self.tr("Print again"))
        slips = {
            "printing": self.tr("Printing your slip…"),
            "printed": self.tr("Your slip is printed: take it from the printer."),
            "unconfirmed": self.tr(
                "Your slip was sent, but the printer did not confirm it. "
                "If nothing came out, print again or ask the cashier."
            ),
            "failed": self.tr(
                "The slip could not be printed. Ask the cashier: they can print it later."
            ),
            "no_printer": self.tr("No printer at this kiosk: keep the QR code on your phone."),
        }
        self.lblSlip.setText(slips.get(self.slip, ""))
        self.lblSlip.setVisible(self.slip in slips)
        self.btnRetry.setVisible(self.slip in RETRY_STATES)
        cert = self.cert
        if cert is None:
            return
        order = cert.order
        self.lblNickname.setText(order.nickname)
        self.lblNickname.setVisible(bool(order.nickname))
        said = cert.claim
        self.lblClaims.setText("\n".join(claimwords.say(line) for line in said.lines()))
        self.lblOffset.setText(
            self.tr("{caption}: {mass} CO₂e").format(
                caption=claimwords.words()[said.offset_caption], mass=fmt.mass(order.offset_g)
            )
        )
        self.lblCredits.setText(claimwords.credits(said))
        self.lblCredits.setVisible(bool(said.ranges))
        self.lblProject.setText(cert.project_name.get(self.lang) or cert.content.project)
        self.lblSerial.setText(self.tr("Certificate {serial}").format(serial=cert.content.serial))
