"""An optional nickname for the certificate and the ranking, typed on our touch keyboard
(pinyin with whole-word candidates for Chinese names; capitals and accents for Latin ones), with
the characters used out of the 20 allowed in view; a name the block list catches is refused here
(kiosk.nicknames), as it would not be shown on the public ranking.

The "company / 单位" switch turns the page into a company's: its registered name, unified
social credit code (for the invoice; the certificate then names the company) and, optionally,
the email the invoice goes to (typed with the keyboard's @ . - _ row). The code is checked as
it is typed (kiosk.uscc): a character no code has is refused at once, the check character once
all 18 are in, so a typo never reaches an invoice; the email is checked on Continue."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk import uscc
from kiosk.buyer import COMPANY_NAME_MAX, EMAIL_MAX, Company, company
from kiosk.errors import InputError
from kiosk.ledger import NICKNAME_MAX
from kiosk.nicknames import blocklist
from ui.screens.base import Screen, button, label, nav_row
from ui.widgets.keyboard import TouchKeyboard


class NicknameScreen(Screen):
    nicknameChosen = Signal(str)  # "" when skipped
    backRequested = Signal()
    step = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("nicknameScreen", parent)
        self.lang_typed = "zh"
        self.lblTitle = label("lblNicknameTitle", "title")
        self.lblHint = label("lblNicknameHint", "muted")
        self.edtNickname = QLineEdit()
        self.edtNickname.setObjectName("edtNickname")
        self.edtNickname.setReadOnly(True)  # typed with the touch keyboard only
        self.lblCount = label("lblNicknameCount", "muted", wrap=False)
        self.lblError = label("lblNicknameError", "error")
        self.lblError.hide()
        self.btnCompany = button("btnCompany")
        self.btnCompany.setCheckable(True)
        self.btnCompany.toggled.connect(self.set_company_mode)
        self.edtCompanyName = QLineEdit()
        self.edtCompanyName.setObjectName("edtCompanyName")
        self.edtCompanyCode = QLineEdit()
        self.edtCompanyCode.setObjectName("edtCompanyCode")
        self.lblCodeState = label("lblCodeState", "muted", wrap=False)
        self.edtInvoiceEmail = QLineEdit()
        self.edtInvoiceEmail.setObjectName("edtInvoiceEmail")
        self.companyBox = QWidget()
        box = QVBoxLayout(self.companyBox)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.edtCompanyName)
        code_row = QHBoxLayout()
        code_row.addWidget(self.edtCompanyCode, 1)
        code_row.addWidget(self.lblCodeState)
        code_row.addWidget(self.edtInvoiceEmail, 1)  # beside the code: the page fits 1280x800
        box.addLayout(code_row)
        self.companyBox.hide()
        for edit in self._company_fields():
            edit.setReadOnly(True)  # typed with the touch keyboard only; a tap picks the field
            edit.installEventFilter(self)
        self.keyboard = TouchKeyboard()
        self.keyboard.attach(self.edtNickname, NICKNAME_MAX)
        self.keyboard.edited.connect(lambda _: self._edited())
        self.btnBack = button("btnNicknameBack")
        self.btnBack.clicked.connect(self.backRequested)
        self.btnSkip = button("btnSkipNickname")
        self.btnSkip.clicked.connect(self._skip)
        self.btnDone = button("btnNicknameDone", "primary")
        self.btnDone.clicked.connect(self._done)
        layout = QVBoxLayout(self)
        self.pad(layout, (72, 32, 72, 32), 16)
        layout.addWidget(self.lblTitle)
        layout.addWidget(self.lblHint)
        self.nicknameBox = QWidget()
        field = QHBoxLayout(self.nicknameBox)
        field.setContentsMargins(0, 0, 0, 0)
        field.addWidget(self.edtNickname, 1)
        field.addWidget(self.lblCount)
        field.addWidget(self.companyBox, 1)  # in the nickname's row, beside the switch
        field.addWidget(self.btnCompany)
        layout.addWidget(self.lblError)  # in the hint's place while it shows (see _say)
        layout.addWidget(self.nicknameBox)
        layout.addStretch(1)
        layout.addWidget(self.keyboard)
        layout.addSpacing(16)
        layout.addLayout(nav_row(self.btnBack, None, self.btnSkip, self.btnDone))

    def reset(self, lang: str) -> None:
        self.lang_typed = lang
        self.btnCompany.setChecked(False)
        for edit in self._company_fields():
            edit.clear()
        self.set_company_mode(False)
        self.keyboard.clear()
        self.set_busy(False)
        self._edited()

    def _company_fields(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        return (self.edtCompanyName, self.edtCompanyCode, self.edtInvoiceEmail)

    def nickname(self) -> str:
        return " ".join(self.edtNickname.text().split())

    def company(self) -> Company | None:
        """The company buying, when the switch is on and its fields are valid."""
        if not self.btnCompany.isChecked():
            return None
        try:
            return company(*(edit.text() for edit in self._company_fields()))
        except InputError:
            return None

    def set_company_mode(self, on: bool) -> None:
        """The switch: the company's name and code instead of a nickname (and back)."""
        if self.btnCompany.isChecked() != on:
            self.btnCompany.setChecked(on)  # toggled() calls back here once
            return
        self.companyBox.setVisible(on)
        # a company's fields take two rows: its hint says what the page is for, without the
        # title, so the page (with the candidate bar for a Chinese name) fits 1280x800
        self.lblTitle.setVisible(not on)
        self.edtNickname.setVisible(not on)
        self.lblCount.setVisible(not on)
        self.focus_field(self.edtCompanyName if on else self.edtNickname)
        self.retranslate()

    def focus_field(self, edit: QLineEdit) -> None:
        """Type into EDIT: the code in Latin capitals, a name in the customer's input."""
        self.keyboard.composing = ""
        self.keyboard.set_symbols(edit is self.edtInvoiceEmail)
        if edit is self.edtCompanyCode:
            self.keyboard.attach(edit, uscc.LENGTH)
            self.keyboard.set_chinese(False)
        elif edit is self.edtInvoiceEmail:
            self.keyboard.attach(edit, EMAIL_MAX)
            self.keyboard.set_chinese(False)  # an address is Latin letters, digits, @ and .
        else:
            limit = NICKNAME_MAX if edit is self.edtNickname else COMPANY_NAME_MAX
            self.keyboard.attach(edit, limit)
            self.keyboard.set_chinese(self.lang_typed == "zh")
        for field in (self.edtNickname, *self._company_fields()):
            field.setProperty("active", field is edit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress and watched in self._company_fields():
            self.focus_field(watched)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def _skip(self) -> None:
        """No name on the certificate: neither a nickname nor a company."""
        self.btnCompany.setChecked(False)
        self.nicknameChosen.emit("")

    def _done(self) -> None:
        if self.btnCompany.isChecked():
            self._company_done()
            return
        if blocklist().blocks(self.nickname()):
            self._say(self.tr("Please choose another name: this one is not allowed."))
            return
        self.nicknameChosen.emit(self.nickname())

    def _company_done(self) -> None:
        try:
            company(*(edit.text() for edit in self._company_fields()))
        except InputError as exc:
            self._say(self._problem(exc))
            fields = {"company_name": self.edtCompanyName, "invoice_email": self.edtInvoiceEmail}
            self.focus_field(fields.get(exc.field, self.edtCompanyCode))
            return
        self.nicknameChosen.emit("")

    def _problem(self, exc: InputError) -> str:
        """One sentence in the customer's language for what is wrong with the company."""
        if exc.field == "company_name":
            return self.tr("Please type the company's registered name.")
        if exc.field == "invoice_email":
            return self.tr(
                "The invoice email does not look right: type one like name@example.com, "
                "or leave it empty."
            )
        rule = getattr(exc, "rule", "")
        if rule == "charset":
            return self.tr(
                "Character {n} ({c}) is never in a credit code: digits and capitals "
                "except I, O, S, V, Z."
            ).format(n=exc.params.get("position"), c=exc.params.get("char"))
        if rule == "check":
            return self.tr("The 18th character does not fit the others: please check the code.")
        return self.tr("A unified social credit code has 18 characters; {n} typed.").format(
            n=len(uscc.normalise(self.edtCompanyCode.text()))
        )

    def _say(self, problem: str) -> None:
        """A problem in the hint's place (the page keeps its height), or the hint back."""
        self.lblError.setText(problem)
        self.lblError.setVisible(bool(problem))
        self.lblHint.setVisible(not problem)

    def _edited(self) -> None:
        self._say("")
        self.lblCount.setText(f"{len(self.edtNickname.text())}/{NICKNAME_MAX}")
        code = self.edtCompanyCode
        typed = uscc.normalise(code.text())
        if typed != code.text():
            code.setText(typed)  # capitals, no spaces: as the code is printed
        self.lblCodeState.setText(f"{len(typed)}/{uscc.LENGTH}")
        problem = uscc.problem_so_far(typed)
        if problem is not None and self.btnCompany.isChecked():
            self._say(self._problem(problem))

    def set_busy(self, busy: bool) -> None:
        """While the order is being opened, the buttons wait (no double orders)."""
        for widget in (self.btnBack, self.btnSkip, self.btnDone):
            widget.setEnabled(not busy)

    def retranslate(self) -> None:
        self.lblTitle.setText(self.tr("What name should your certificate show?"))
        self.lblHint.setText(
            self.tr(
                "Optional: a nickname shown on your certificate and in the ranking "
                "(up to {n} characters). Tap 中/EN to switch input."
            ).format(n=NICKNAME_MAX)
        )
        self.edtNickname.setPlaceholderText(self.tr("Nickname"))
        self.btnCompany.setText(self.tr("Company"))
        self.edtCompanyName.setPlaceholderText(self.tr("Company name (as registered)"))
        self.edtCompanyCode.setPlaceholderText(self.tr("Unified social credit code (18)"))
        self.edtInvoiceEmail.setPlaceholderText(self.tr("Email for the invoice (optional)"))
        if self.btnCompany.isChecked():
            self.lblTitle.setText(self.tr("Which company is buying?"))
            self.lblHint.setText(
                self.tr(
                    "The certificate names the company; an invoice is requested with its "
                    "name and unified social credit code, sent to the email if you give one. "
                    "Tap a field to type in it."
                )
            )
        self.keyboard.retranslate()
        self.btnBack.setText(self.tr("‹ Back"))
        self.btnSkip.setText(self.tr("Skip"))
        self.btnDone.setText(self.tr("Continue ›"))
