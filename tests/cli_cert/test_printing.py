"""`diandian cert print`: to a real TCP listener or through `lp`; a dead or silent printer
leaves the order paid with its slip pending."""

from __future__ import annotations

from kiosk.certificate.issue import known_keys
from kiosk.certificate.payload import verify
from kiosk.ledger import Ledger
from tests.cli_cert.qr import decode
from tests.fake_printer import FakePrinter


def test_print_reaches_a_network_printer_and_marks_the_slip(diandian, ledger_file) -> None:
    printer = FakePrinter()
    result = diandian(
        "cert",
        "print",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(printer.port),
        "--db",
        str(ledger_file),
    )
    data = printer.close()
    assert result.returncode == 0, result.stderr
    assert data.startswith(b"\x1b@") and b"\x1dv0" in data and data.endswith(b"\x1dV\x00")
    with Ledger.open(ledger_file, check=False) as ledger:
        assert ledger.get("1").slip_status == "printed"


def test_a_dead_printer_leaves_the_order_paid_and_the_slip_for_reprint(
    diandian, ledger_file, closed_port
) -> None:
    result = diandian(
        "cert",
        "print",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(closed_port),
        "--db",
        str(ledger_file),
    )
    assert result.returncode == 1
    assert "not reachable" in result.stderr and "reprint later" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with Ledger.open(ledger_file, check=False) as ledger:
        order = ledger.get("1")
        assert (order.status, order.slip_status) == ("paid", "failed")
        assert "not reachable" in order.slip_error
    printer = FakePrinter()
    again = diandian(
        "cert",
        "print",
        "1",
        "--host",
        "127.0.0.1",
        "--port",
        str(printer.port),
        "--db",
        str(ledger_file),
    )
    printer.close()
    assert again.returncode == 0
    with Ledger.open(ledger_file, check=False) as ledger:
        assert ledger.get("1").slip_status == "printed"


def test_a_printer_that_never_answers_leaves_the_slip_unconfirmed(diandian, ledger_file) -> None:
    printer = FakePrinter(reads=False, buffer=None)
    try:
        result = diandian("cert", "print", "1", "--host", "127.0.0.1", "--port",
                          str(printer.port), "--db", str(ledger_file))  # fmt: skip
    finally:
        printer.close()
    assert result.returncode == 0
    assert "sent, not confirmed" in result.stderr and "reprint list" in result.stderr
    with Ledger.open(ledger_file, check=False) as ledger:
        assert ledger.get("1").slip_status == "unconfirmed"


def test_print_without_a_configured_printer_says_how_to_set_one(diandian, ledger_file) -> None:
    result = diandian("cert", "print", "1", "--db", str(ledger_file))
    assert result.returncode == 1
    assert "no printer is configured" in result.stderr and "[printer]" in result.stderr


def test_a_system_printer_gets_the_pdf_through_lp(diandian, ledger_file, tmp_path, monkeypatch):
    """`lp` is replaced by a stand-in that keeps what it is given: the paper cannot exist here."""
    bin_dir, received = tmp_path / "bin", tmp_path / "received.pdf"
    bin_dir.mkdir()
    lp = bin_dir / "lp"
    lp.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args\ncat > {received}\n')
    lp.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    result = diandian("cert", "print", "1", "--queue", "Front_Desk", "--db", str(ledger_file))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "args").read_text().split()[:2] == ["-d", "Front_Desk"]
    with Ledger.open(ledger_file, check=False) as ledger:
        order, keys = ledger.get("1"), known_keys(ledger)
    assert verify(decode(received), keys).serial == order.serial
    assert order.slip_status == "printed"


def test_a_missing_lp_says_what_to_install(diandian, ledger_file, tmp_path, monkeypatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = diandian("cert", "print", "1", "--queue", "Front_Desk", "--db", str(ledger_file))
    assert result.returncode == 1 and "install CUPS" in result.stderr
