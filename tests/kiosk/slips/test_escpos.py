"""ESC/POS jobs read back byte by byte, and delivery to a real TCP listener standing in for
the printer (no mocks): a QR that does not scan or a kiosk that hangs on a dead printer would
only show up at a venue otherwise."""

from __future__ import annotations

import os
import re
import time

import pytest
import zxingcpp
from PIL import Image

from kiosk.errors import InputError
from kiosk.slips.escpos import PrinterError, build_job, fallback_raster, send
from kiosk.slips.printer_status import request
from kiosk.slips.printers import PrinterConfig, where_settings

from ...fake_printer import PAPER_OUT, STATUS_REQUEST, FakePrinter
from .conftest import MARGIN_S, QR_TEXT, make_content

QR = zxingcpp.BarcodeFormat.QRCode  # text and rules must never pass for a 1D barcode

ESC_AT = b"\x1b@"
FEED_CUT = b"\x1bd\x06\x1dV\x00"  # ESC d 6, GS V 0: what python-escpos's cut() sends


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def file_config(mm: int = 80, mode: str = "raster") -> PrinterConfig:
    return PrinterConfig(kind="file", path="/dev/null", paper_mm=mm, mode=mode)


def raster_blocks(job: bytes) -> tuple[list[tuple[int, int, bytes]], int, int]:
    """The GS v 0 blocks as (width_bytes, rows, data), and where the first starts / last ends."""
    blocks, pos, start = [], 0, -1
    while (at := job.find(b"\x1dv0", pos)) >= 0:
        start = at if start < 0 else start
        assert job[at + 3] == 0  # normal density
        width = job[at + 4] + job[at + 5] * 256
        rows = job[at + 6] + job[at + 7] * 256
        pos = at + 8 + width * rows
        blocks.append((width, rows, job[at + 8 : pos]))
    return blocks, start, pos


def reassemble(blocks: list[tuple[int, int, bytes]]) -> Image.Image:
    """Stack the bands back into one image; a set bit is a black (printed) dot."""
    bands = [Image.frombytes("1", (w * 8, h), data, "raw", "1;I") for w, h, data in blocks]
    image = Image.new("1", (bands[0].width, sum(b.height for b in bands)), 1)
    y = 0
    for band in bands:
        image.paste(band, (0, y))
        y += band.height
    return image


def qr_texts(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image.convert("L"), formats=QR)]


# --- raster jobs -----------------------------------------------------------------------------


@pytest.mark.parametrize("mm", [80, 58])
def test_raster_job_round_trips_to_a_scannable_slip(content, mm):
    config = file_config(mm)
    raster = fallback_raster(content, config.width_dots)
    job = build_job(content, config, raster)
    blocks, start, end = raster_blocks(job)
    assert job[:start] == ESC_AT and job[end:] == FEED_CUT  # nothing else in the stream
    assert all(w * 8 == config.width_dots and 0 < h <= 255 for w, h, _ in blocks)
    image = reassemble(blocks)
    assert image.tobytes() == raster.tobytes()
    assert qr_texts(image) == [QR_TEXT]


def test_fallback_raster_is_used_without_a_raster(content):
    job = build_job(content, file_config(80))
    image = reassemble(raster_blocks(job)[0])
    assert image.width == 576
    assert qr_texts(image) == [QR_TEXT]


def test_raster_of_the_wrong_width_is_refused(content):
    with pytest.raises(ValueError, match="384 dots wide"):
        build_job(content, file_config(80), Image.new("1", (384, 100), 1))


# --- text jobs -------------------------------------------------------------------------------


def qr_commands(job: bytes) -> list[tuple[int, bytes]]:
    """The GS ( k commands as (fn, parameters after cn fn), lengths taken from pL pH."""
    commands, pos = [], 0
    while (at := job.find(b"\x1d(k", pos)) >= 0:
        size = job[at + 3] + job[at + 4] * 256
        body = job[at + 5 : at + 5 + size]
        assert body[0] == 0x31  # cn 49: QR code
        commands.append((body[1], body[2:]))
        pos = at + 5 + size
    return commands


@pytest.mark.parametrize("mm", [80, 58])
def test_text_job_has_chinese_mode_gb18030_text_and_a_native_qr(mm):
    content = make_content(french=True, nickname="小\x1bB明")  # ESC B would ring the buzzer
    job = build_job(content, file_config(mm, "text"))
    assert job.startswith(ESC_AT) and job.endswith(FEED_CUT)
    title = content.titles[0].encode("gb18030")
    on, at_title, at_qr = job.index(b"\x1c&"), job.index(title), job.index(b"\x1d(k")
    off = job.index(b"\x1c.")
    assert on < at_title < at_qr < off < len(job) - len(FEED_CUT)
    assert b"\x1d!\x11" in job[on:at_title]  # double width and height for the title
    assert "小 B明".encode("gb18030") in job and b"\x1bB" not in job
    assert "￥4.32".encode("gb18030") in job  # "¥" would be four bytes: not in printer fonts
    text = job.decode("gb18030", errors="replace")
    for word in ("扫码查看证书", "证书编号", "K4F6Z2M1Q-000042", "neutralit"):
        assert word in text
    commands = qr_commands(job)
    assert [fn for fn, _ in commands] == [0x41, 0x43, 0x45, 0x50, 0x51]
    assert commands[0][1] == b"\x32\x00"  # model 2
    assert 1 <= commands[1][1][0] <= 6  # module size in dots
    assert commands[2][1] == b"\x31"  # error correction M
    assert commands[3][1] == b"\x30" + QR_TEXT.encode()  # store the data
    assert commands[4][1] == b"\x30"  # print it


@pytest.mark.parametrize("french", [False, True])
def test_text_lines_fit_the_paper(french: bool):
    job = build_job(make_content(lines=6, french=french), file_config(58, "text"))
    body = job[job.index(b"\x1d!\x00") + 3 : job.index(b"\x1d(k")]  # after the titles, before QR
    body = re.sub(rb"\x1b[aE].", b"", body)  # alignment and bold commands take no paper
    lines = body.split(b"\n")[:-1]
    assert lines and all(len(line) <= 32 for line in lines)  # bytes = half-width columns
    assert b"?" not in body  # every label character is in the printer's GBK font


# --- delivery --------------------------------------------------------------------------------


def test_network_printer_receives_the_exact_job_and_confirms_it(content, printer):
    job = build_job(content, file_config(80))
    delivery = send(job, printer.config())
    assert printer.close() == job
    assert (delivery.status, delivery.note) == ("printed", "")
    assert printer.requests == [4, 1, 2, 4]  # paper before the job; printer, cause, paper after


def test_printer_that_ignores_the_status_request_prints_unconfirmed(content):
    fake = FakePrinter(status=None)
    job = build_job(content, file_config(58, "text"))
    delivery = send(job, fake.config(timeout_s=0.5))
    # harmless: real-time requests are never printed, even by a printer that ignores them
    assert fake.close() == STATUS_REQUEST + job + request(1)
    assert delivery.status == "unconfirmed"
    assert (
        delivery.note
        == f"sent, not confirmed: {delivery.printer} did not answer the status request"
    )


def test_a_printer_that_takes_the_bytes_and_never_answers_is_unconfirmed(content):
    """A real listener that accepts the connection and never reads: the kernel takes the whole
    slip (so delivery succeeds) but nothing ever answers; bounded by the printer's timeout."""
    fake = FakePrinter(reads=False, buffer=None)
    job = build_job(content, file_config(80, "text"))  # a few kB: inside the kernel's buffers
    started = time.monotonic()
    try:
        delivery = send(job, fake.config(timeout_s=1.0))
    finally:
        fake.close()
    assert delivery.status == "unconfirmed" and "did not answer" in delivery.note
    assert time.monotonic() - started < 1.0 + MARGIN_S  # about the 1 s timeout, however busy


def test_a_printer_that_runs_out_of_paper_during_the_job_fails_it(content):
    fake = FakePrinter(after_job=PAPER_OUT)
    job = build_job(content, file_config(80))
    with pytest.raises(PrinterError, match=r"is out of paper; load a new roll.*may be incomplete"):
        send(job, fake.config(timeout_s=MARGIN_S))
    assert fake.close() == job  # the job went out; the printer then said it had no paper


def test_out_of_paper_is_reported_and_nothing_is_sent(content):
    fake = FakePrinter(status=b"\x7e")  # near end and paper end sensors both set
    with pytest.raises(PrinterError, match=r"^the printer is out of paper"):
        send(build_job(content, file_config(80)), fake.config(timeout_s=MARGIN_S))
    assert fake.close() == b""


def test_closed_port_is_not_reachable(closed_port):
    port = closed_port
    config = PrinterConfig(kind="network", host="127.0.0.1", port=port, timeout_s=0.5)
    with pytest.raises(PrinterError) as caught:
        send(b"\x1b@", config)
    message = str(caught.value)
    assert f"printer 127.0.0.1:{port} is not reachable (connection refused)" in message
    assert "\n" not in message


def test_unknown_host_is_not_reachable():
    config = PrinterConfig(kind="network", host="printer.invalid", timeout_s=0.5)
    started = time.monotonic()
    with pytest.raises(PrinterError, match=r"printer\.invalid:9100 is not reachable"):
        send(b"\x1b@", config)
    assert time.monotonic() - started < 0.5 + MARGIN_S  # the lookup is bounded, however slow


def test_stalled_printer_fails_within_the_timeout():
    fake = FakePrinter(reads=False)
    job = build_job(make_content(), file_config(80))  # ~84 kB: fits in the kernel's buffers
    started = time.monotonic()
    with pytest.raises(PrinterError, match=r"did not take the slip within 0\.5 s"):
        send(job, fake.config(timeout_s=0.5))
    assert time.monotonic() - started < 0.5 + MARGIN_S
    fake.close()


def test_file_printer_gets_the_same_bytes(content, tmp_path):
    job = build_job(content, file_config(80))
    target = tmp_path / "lp0"
    send(job, PrinterConfig(kind="file", path=str(target)))
    assert target.read_bytes() == job


def test_missing_device_file_is_not_connected(tmp_path):
    config = PrinterConfig(kind="file", path=str(tmp_path / "usb" / "lp0"))
    with pytest.raises(PrinterError, match=r"^printer .*lp0 is not connected; check its cable"):
        send(b"\x1b@", config)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_device_file_without_permission(tmp_path):
    target = tmp_path / "lp0"
    target.write_bytes(b"")
    target.chmod(0o400)
    with pytest.raises(PrinterError, match=r"^no permission to use printer"):
        send(b"\x1b@", PrinterConfig(kind="file", path=str(target)))


@pytest.mark.parametrize(
    "settings",
    [
        {"kind": "usb", "usb_vendor": "0x0416", "usb_product": "0x5011"},
        {"kind": "serial", "serial_device": "/dev/ttyDIANDIAN-missing"},
    ],
)
def test_usb_and_serial_failures_are_one_plain_line(settings):
    config = PrinterConfig.from_mapping({**settings, "timeout_s": 0.5}, "test")
    with pytest.raises(PrinterError) as caught:
        send(b"\x1b@", config)
    assert "\n" not in str(caught.value) and "printer" in str(caught.value)


# --- configuration ---------------------------------------------------------------------------


def test_config_from_mapping():
    usb = PrinterConfig.from_mapping(
        {"kind": "usb", "usb_vendor": "0x0416", "usb_product": 0x5011, "paper_mm": 58}, "test"
    )
    assert (usb.usb_vendor, usb.usb_product, usb.width_dots) == (0x0416, 0x5011, 384)
    net = PrinterConfig.from_mapping({"kind": "network", "host": "192.168.1.80"}, "test")
    assert (net.port, net.width_dots, net.mode, net.timeout_s) == (9100, 576, "raster", 5.0)


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({}, "kind"),
        ({"kind": "laser"}, "kind"),
        ({"kind": "network"}, "host"),
        ({"kind": "network", "host": "a b"}, "host"),
        ({"kind": "network", "host": "p", "port": 0}, "port"),
        ({"kind": "network", "host": "p", "port": 70000}, "port"),
        ({"kind": "network", "host": "p", "port": "9100"}, "port"),
        ({"kind": "usb"}, "usb_vendor"),
        ({"kind": "usb", "usb_vendor": "0x0416"}, "usb_product"),
        ({"kind": "usb", "usb_vendor": "zebra", "usb_product": 1}, "usb_vendor"),
        ({"kind": "serial"}, "serial_device"),
        ({"kind": "serial", "serial_device": "/dev/ttyS0", "baudrate": 1234}, "baudrate"),
        ({"kind": "file"}, "path"),
        ({"kind": "file", "path": "x", "mode": "pdf"}, "mode"),
        ({"kind": "file", "path": "x", "timeout_s": 0}, "timeout_s"),
        ({"kind": "file", "path": "x", "timeout_s": True}, "timeout_s"),
        ({"kind": "file", "path": "x", "colour": "red"}, "colour"),
    ],
)
def test_config_errors_name_the_field(settings, field):
    with pytest.raises(InputError) as caught:
        PrinterConfig.from_mapping(settings, "kiosk.toml [printer]")
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")
    assert "(in kiosk.toml [printer])" in str(caught.value)


def test_paper_width_error_says_what_is_allowed():
    with pytest.raises(InputError) as caught:
        PrinterConfig.from_mapping({"kind": "file", "path": "x", "paper_mm": 70}, "settings")
    assert str(caught.value) == "paper_mm: 70 is not allowed; allowed: 58 or 80 (in settings)"


# --- the one-line "where" an admin types (ui/cashier/admin.py): one rule, both ways -----------


@pytest.mark.parametrize(
    ("kind", "where", "settings"),
    [
        ("network", "10.0.0.5:9101", {"host": "10.0.0.5", "port": 9101}),
        ("network", "printer.local", {"host": "printer.local"}),
        ("network", "[fe80::5]:9100", {"host": "fe80::5", "port": 9100}),
        ("network", "fe80::5", {"host": "fe80::5"}),
        ("usb", "0416:5011", {"usb_vendor": "0x0416", "usb_product": "0x5011"}),
        ("serial", "/dev/ttyUSB0", {"serial_device": "/dev/ttyUSB0"}),
        ("system", "Counter", {"queue": "Counter"}),
        ("file", "/dev/usb/lp0", {"path": "/dev/usb/lp0"}),
    ],
)
def test_where_is_read_and_written_by_one_rule(kind, where, settings):
    assert where_settings(kind, where) == settings
    config = PrinterConfig.from_mapping({"kind": kind, **settings}, "test")
    assert where_settings(kind, config.where) == {
        **settings,
        **({"port": config.port} if kind == "network" else {}),
    }


@pytest.mark.parametrize(
    ("kind", "where", "field"),
    [
        ("network", "10.0.0.5:abc", "printer.port"),  # once silently dropped: port 9100 used
        ("network", "10.0.0.5:", "printer.port"),
        ("network", "10.0.0.5:９１００", "printer.port"),  # full-width digits
        ("network", "[fe80::5", "printer.host"),
        ("usb", "zebra", "printer.usb"),
        ("usb", "0416:xyz", "printer.usb"),
    ],
)
def test_a_where_that_cannot_be_read_is_an_error_naming_the_part(kind, where, field):
    with pytest.raises(InputError) as caught:
        where_settings(kind, where)
    assert caught.value.field == field and "allowed:" in caught.value.message


def test_a_where_with_a_port_out_of_range_is_refused_by_the_schema():
    with pytest.raises(InputError, match="1 to 65535"):
        PrinterConfig.from_mapping({"kind": "network", **where_settings("network", "h:70000")}, "t")
