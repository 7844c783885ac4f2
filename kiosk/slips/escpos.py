"""ESC/POS print jobs for the receipt printer, and sending them without hanging the kiosk.

Jobs are built with python-escpos's Dummy printer: no device needed, and tests read the exact
bytes. Raster mode (the default) prints the slip as one image, which works on any printer
whatever fonts it has. Text mode is for printers known to have a Chinese font: it enters
Chinese mode with FS & (and leaves with FS . at the end), because most Chinese ESC/POS
printers read bytes >= 0x80 as GB2312/GBK only in that mode; python-escpos has no command
for it, and its own text() would switch code pages for non-Chinese lines. Text is encoded as
GB18030 restricted to its one- and two-byte (GBK) part: printer fonts rarely carry the
four-byte characters (so "¥" is sent as "￥").

send() asks a network printer for its paper sensor first, then waits until the printer has
acknowledged every byte, so "out of paper" and "jammed" are reported instead of a job that
vanishes into the kernel's send buffer. After the job it asks the printer's real-time status
(DLE EOT 1, 2, 4): the slip counts as printed only when the printer says it is online, has
paper and shows no error; a printer that takes the bytes and never answers has the slip "sent,
not confirmed" (listed for reprint), all within config.timeout_s.
"""

from __future__ import annotations

import contextlib
import functools
import socket
import sys
import time
import unicodedata
from collections.abc import Callable

import segno
from escpos.constants import FS, QR_ECLEVEL_M, QR_MODEL_2, RT_STATUS_PAPER
from escpos.escpos import Escpos
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Dummy, Network
from PIL import Image, ImageDraw, ImageFont

from kiosk.errors import PrinterError
from kiosk.slips.content import Delivery, SlipContent
from kiosk.slips.fonts import pil_font
from kiosk.slips.printer_status import ask_status, paper_is_out, resolve_ipv4
from kiosk.slips.printers import (
    PrinterConfig,
    plain_reason,
    send_to_device,
    stalled,
)

BAND_ROWS = 255  # rows per GS v 0 block: keeps yH = 0, the limit of the most restrictive clones
CHINESE_ON = FS + b"&"  # FS &: enter Chinese (GB2312/GBK) character mode
CHINESE_OFF = FS + b"."  # FS .: leave it
STATUS_WAIT_S = 0.5  # how long to wait for the paper-sensor answer; many printers never answer
LINGER_S = 1.0  # how long to let the printer close its side after the job
SUBSTITUTES = {"¥": "￥", "₂": "2", "€": "EUR"}  # four-byte GB18030 characters printers lack

CONFIRMED = ("ready", "paper_low")  # printer_status states in which a slip counts as printed

__all__ = ["Delivery", "PrinterError", "build_job", "fallback_raster", "send"]


def build_job(
    content: SlipContent, config: PrinterConfig, raster: Image.Image | None = None
) -> bytes:
    """The complete byte stream for one slip: init, the slip (image or text), feed and cut."""
    printer = Dummy()
    profile = printer.profile  # python-escpos prints a warning per image without a media width
    profile.profile_data = {
        **profile.profile_data,
        "media": {"width": {"pixels": config.width_dots}},
    }
    printer.hw("INIT")  # ESC @
    if config.mode == "text":
        _text_slip(printer, content, config)
    else:
        image = raster if raster is not None else fallback_raster(content, config.width_dots)
        if image.width != config.width_dots:
            raise ValueError(
                f"raster is {image.width} dots wide; the printer needs {config.width_dots}"
            )
        printer.image(image.convert("1"), impl="bitImageRaster", fragment_height=BAND_ROWS)
    printer.cut()  # ESC d 6 (feed past the cutter), GS V 0
    job: bytes = printer.output  # python-escpos is untyped: Dummy.output is the bytes written
    return job


# --- text mode -------------------------------------------------------------------------------


def _printable(text: str) -> str:
    """Control characters (a nickname could carry ESC) become spaces; rare characters swap,
    and a Latin letter the font lacks loses its accent (ç -> c) rather than becoming "?"."""
    out = []
    for ch in text:
        if ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(" ")
        elif ord(ch) < 0x80 or len(ch.encode("gb18030")) == 2:
            out.append(ch)
        else:
            bare = unicodedata.normalize("NFKD", ch)[0]
            out.append(SUBSTITUTES.get(ch, bare if bare.isascii() and bare.isalpha() else "?"))
    return "".join(out)


def _columns(text: str) -> float:
    """Printed width in half-width columns: ASCII is one, a GBK character two."""
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def _wrap(text: str, limit: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy wrap at spaces, or anywhere in Chinese text, so no line is wider than `limit`."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if measure(line + ch) <= limit:
            line += ch
            continue
        cut = line.rfind(" ")
        if ch == " ":
            lines.append(line)
            line = ""
        elif cut > 0:
            lines.append(line[:cut])
            line = line[cut + 1 :] + ch
        else:
            lines.append(line)
            line = ch
    lines.append(line)
    return [part.rstrip() for part in lines if part.strip()] or [""]


def _pair(caption: str, value: str, limit: float, measure: Callable[[str], float]) -> list[str]:
    """Caption left and value right on one line when both fit, else the value wrapped below."""
    gap = limit - measure(caption) - measure(value)
    if gap >= measure("  "):
        spaces = " " * int(gap // measure(" "))
        return [caption + spaces + value]
    indent = measure("  ")
    return _wrap(caption, limit, measure) + [
        "  " + v for v in _wrap(value, limit - indent, measure)
    ]


def _fields(content: SlipContent) -> list[tuple[str, str]]:
    """The caption/value rows in slip order; the nickname row only when there is one."""
    cap = content.captions
    rows = [(cap["nickname"], content.nickname)] if content.nickname else []
    rows += [(cap["issued"], content.issued), (cap["venue"], content.venue)]
    rows += [(line.label, line.value) for line in content.breakdown]
    rows += [(cap["footprint"], content.footprint), (cap["offset"], content.offset)]
    rows += [(cap["project"], content.project)]
    rows += [(line.label, line.value) for line in content.credits]
    rows += [(cap[key], getattr(content, key)) for key in ("serial", "amount")]
    return rows


def _text_slip(printer: Escpos, content: SlipContent, config: PrinterConfig) -> None:
    """Titles double size, every row, the factor sources, a native QR and its caption."""
    cols = config.width_dots // 12  # font A is 12 dots per half-width column: 48 or 32

    def out(lines: list[str]) -> None:
        printer._raw(b"".join(line.encode("gb18030") + b"\n" for line in lines))

    printer._raw(CHINESE_ON)
    printer.set(align="center", bold=True)
    for title in map(_printable, content.titles):
        scale = 2 if _columns(title) * 2 <= cols else 1
        printer.set(custom_size=True, width=scale, height=2)  # GS ! n: also sizes Chinese
        out(_wrap(title, cols // scale, _columns))
    printer.set(custom_size=True, width=1, height=1)
    printer.set(bold=False)
    for line in map(_printable, content.claims):
        out(_wrap(line, cols, _columns))
    printer.set(align="left")
    rule = ["-" * cols]
    out(rule)
    for caption, value in _fields(content):
        out(_pair(_printable(caption), _printable(value), cols, _columns))
    out(rule + _wrap(_printable(content.sources), cols, _columns))
    printer.set(align="center")  # ESC a 1 also centres the QR symbol
    size = _qr_dots(content.qr_text, config)
    printer.qr(content.qr_text, ec=QR_ECLEVEL_M, size=size, model=QR_MODEL_2, native=True)
    out(_wrap(_printable(content.captions["scan"]), cols, _columns))
    printer._raw(CHINESE_OFF)


def _qr_dots(text: str, config: PrinterConfig) -> int:
    """Module size for the printer's QR: as large as fits with the quiet zone, at most 6 dots."""
    qr = segno.make_qr(text, error="m", mode="byte", boost_error=False)
    modules = int(qr.symbol_size(border=4)[0])  # whole at scale 1 (segno types int | float)
    return max(1, min(6, config.width_dots // modules))


# --- raster fallback -------------------------------------------------------------------------


def fallback_raster(content: SlipContent, width_dots: int) -> Image.Image:
    """A plain mode-"1" slip image, for when the caller has no rendered raster to hand.

    The QR uses whole-dot modules (4 dots at 80 mm, 3 at 58 mm) so it scans after printing.
    """
    body, title = pil_font(width_dots // 24), pil_font(width_dots // 15)
    margin, limit = 8, width_dots - 16
    ops: list[Callable[[ImageDraw.ImageDraw], None]] = []  # drawn once the height is known
    y = margin

    def text(lines: list[str], font: ImageFont.FreeTypeFont, center: bool = False) -> None:
        nonlocal y
        for line in lines:
            x = (width_dots - font.getlength(line)) / 2 if center else margin
            ops.append(functools.partial(_ink, xy=(x, y), text=line, font=font))
            y += int(font.size * 1.35)

    for heading in content.titles:
        text(_wrap(heading, limit, title.getlength), title, center=True)
    for line in content.claims:
        text(_wrap(line, limit, body.getlength), body, center=True)
    for caption, value in _fields(content):
        text(_pair(caption, value, limit, body.getlength), body)
    text(_wrap(content.sources, limit, body.getlength), body)
    qr = segno.make_qr(content.qr_text, error="m", boost_error=False)
    scale = 4 if width_dots >= 576 else 3
    side = int(qr.symbol_size(border=4)[0])  # whole at scale 1 (segno types int | float)
    symbol = Image.new("1", (side, side), 1)
    symbol.putdata([0 if dark else 1 for row in qr.matrix_iter(border=4) for dark in row])
    symbol = symbol.resize((side * scale, side * scale), Image.Resampling.NEAREST)
    qr_y = y
    y += symbol.height
    text(_wrap(content.captions["scan"], limit, body.getlength), body, center=True)
    image = Image.new("1", (width_dots, y + margin), 1)
    image.paste(symbol, ((width_dots - symbol.width) // 2, qr_y))
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"  # no anti-aliasing: a thermal head has no grey
    for action in ops:
        action(draw)
    return image


def _ink(
    draw: ImageDraw.ImageDraw, xy: tuple[float, int], text: str, font: ImageFont.FreeTypeFont
) -> None:
    draw.text(xy, text, font=font, fill=0)


# --- sending: network printers here, USB, serial and file ones in printers.py -----------------


def send(job: bytes, config: PrinterConfig) -> Delivery:
    """Deliver one job, within about config.timeout_s; any failure is a PrinterError (a
    printer that reports a fault after the job, too: the slip is likely incomplete)."""
    if config.kind != "network":
        send_to_device(job, config)
        return Delivery(config.name, "printed")
    deadline = time.monotonic() + config.timeout_s

    def left() -> float:
        return max(0.01, deadline - time.monotonic())

    printer = Network(resolve_ipv4(config), config.port, timeout=left())
    try:
        try:
            printer.open()
        except DeviceNotFoundError as exc:
            raise PrinterError(
                f"{config.name} is not reachable ({plain_reason(exc.__context__)}); "
                "check it is on and connected"
            ) from None
        sock: socket.socket = printer.device
        try:
            answered = _check_paper(printer, sock, min(STATUS_WAIT_S, config.timeout_s / 4))
            sock.settimeout(left())
            printer._raw(job)
            while _unacknowledged(sock) and time.monotonic() < deadline:
                time.sleep(0.01)  # sendall only fills our buffer; the printer must take it
            if _unacknowledged(sock):
                raise TimeoutError
        except TimeoutError:
            raise PrinterError(stalled(config)) from None
        except OSError as exc:
            reason = plain_reason(exc)
            raise PrinterError(
                f"{config.name} dropped the connection ({reason}); print again"
            ) from None
        # A printer silent before the job gets a short chance; one that answered, the rest.
        wait_until = deadline if answered else min(deadline, time.monotonic() + STATUS_WAIT_S)
        delivery = _confirm(sock, config, wait_until)
        _finish(sock, min(LINGER_S, left()))
        return delivery
    finally:
        printer.close()


def _confirm(sock: socket.socket, config: PrinterConfig, deadline: float) -> Delivery:
    """Ask the printer how it is now the job is in: printed, unconfirmed, or a PrinterError."""
    _drain(sock)  # a late answer to the paper check must not pass for this one
    status = ask_status(sock, config.name, deadline)
    if status.state in CONFIRMED:
        return Delivery(config.name, "printed")
    if status.level == "problem":
        raise PrinterError(f"{status.message}; the slip may be incomplete, print it again")
    why = status.message if status.answers else f"{config.name} did not answer the status request"
    return Delivery(config.name, "unconfirmed", f"sent, not confirmed: {why}")


def _drain(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.settimeout(0)
        while sock.recv(4096):
            pass


def _check_paper(printer: Network, sock: socket.socket, wait: float) -> bool:
    """Ask the paper sensor (DLE EOT 4); a printer that does not answer is printed to anyway.
    True when it answered.

    The answer is decoded by kiosk.slips.printer_status (fixed bits checked, bits 5-6 = paper end),
    the same code the cashier's live printer status uses.
    """
    sock.settimeout(wait)
    try:
        status = printer.query_status(RT_STATUS_PAPER)
    except TimeoutError:
        return False
    if paper_is_out(status):
        raise PrinterError("the printer is out of paper; load a new roll and print again")
    return bool(status)


def _unacknowledged(sock: socket.socket) -> int:
    """Bytes sent but not yet acknowledged by the printer (Linux SIOCOUTQ; 0 elsewhere).

    The kernel buffers megabytes, so a jammed printer would otherwise look like a success.
    """
    try:
        import fcntl
        import termios

        raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, bytes(4))
    except (ImportError, AttributeError, OSError):
        return 0
    return int.from_bytes(raw, sys.byteorder, signed=True)


def _finish(sock: socket.socket, wait: float) -> None:
    """Half-close, then read until the printer closes: closing with unread bytes (a late
    status answer) would make the kernel reset the connection and drop the job's tail."""
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(wait)
        while sock.recv(4096):
            pass
