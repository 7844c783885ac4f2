"""`diandian cert verify|slip|print`: check a certificate, write or print a paid order's slip."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import Any

from kiosk.commands.common import add_db_argument, ledger_path, open_ledger

FORMATS = ("80mm", "58mm", "a6", "png")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".pdf")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "cert",
        help="verify a certificate, or write/print a paid order's slip",
        description="Certificates: verify a QR's text or image offline; write a slip as PDF or "
        "PNG; print it on the configured receipt printer.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "verify",
        help="check a certificate's signature offline",
        description="Check a certificate from its QR text, or from a PNG/JPEG/PDF holding the "
        "QR (the first 4 pages, up to A3; images up to 40 megapixels), against the kiosk keys "
        "this ledger knows, and say which host a phone would open. Exit 1 with the reason if "
        "it is not valid, 3 if it was refunded, 4 if its QR opens another registry than the "
        "one this kiosk is enrolled with.",
    )
    check.add_argument("source", metavar="TEXT_OR_IMAGE", help="the QR text, or an image/PDF file")
    add_db_argument(check)
    check.set_defaults(handler=run_verify)
    slip = actions.add_parser(
        "slip",
        help="write a paid order's slip to a file",
        description="Write the certificate slip of a paid order (by serial as printed, e.g. "
        "K5V431TF76-000018, or 18; by order code or id).",
    )
    slip.add_argument("ref", metavar="SERIAL", help="certificate serial, order code or order id")
    slip.add_argument("--format", choices=FORMATS, default="80mm", help="default 80mm")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE", help="where to write it")
    add_db_argument(slip)
    slip.set_defaults(handler=run_slip)
    send = actions.add_parser(
        "print",
        help="print a paid order's slip on the configured printer",
        description="Send the slip to the receipt printer set in diandian.toml [printer], or to "
        "the one given here. A failure leaves the order paid with its slip pending.",
    )
    send.add_argument("ref", metavar="SERIAL", help="certificate serial, order code or order id")
    send.add_argument("--host", help="network printer host (port 9100)")
    send.add_argument("--port", type=int, default=9100, help="network printer port")
    send.add_argument("--file", type=Path, help="write the ESC/POS job to this file or device")
    send.add_argument("--queue", help="a CUPS printer queue: print the PDF slip with `lp`")
    send.add_argument("--paper", type=int, choices=(58, 80), help="paper width in mm")
    add_db_argument(send)
    send.set_defaults(handler=run_print)


EXIT_REFUNDED = 3  # a genuine certificate that was refunded: it no longer stands
EXIT_ELSEWHERE = 4  # genuine, but its QR opens another registry than this kiosk's


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.certificate.address import host_of
    from kiosk.certificate.issue import enrolled_base_url, known_keys, refunded
    from kiosk.certificate.payload import CertificateError, verify
    from kiosk.certificate.scan import qr_texts_in
    from kiosk.ledger import Ledger
    from kiosk.money import format_grams

    source = args.source
    if Path(source).suffix.lower() in IMAGE_SUFFIXES:
        texts = qr_texts_in(Path(source))
        if not texts:
            print(f"diandian cert: no QR code found in {source}", file=sys.stderr)
            return 1
        source = texts[0]
    path = ledger_path(args)
    ledger = Ledger.open(path, create=False, check=False) if path.is_file() else None
    with contextlib.ExitStack() as stack:
        if ledger is not None:
            stack.enter_context(ledger)
        keys = known_keys(ledger) if ledger is not None else {}
        try:
            cert = verify(source, keys)
        except CertificateError as exc:
            print(f"diandian cert: NOT VALID: {exc}", file=sys.stderr)
            return 1
        was_refunded = ledger is not None and refunded(ledger, cert)
        home = enrolled_base_url(ledger) if ledger is not None else None
    host = host_of(source)
    print(f"valid certificate {cert.cert_id}")
    print(f"  issued     {cert.issued:%Y-%m-%d %H:%M:%S} UTC")
    print(f"  footprint  {format_grams(cert.footprint_g)} CO2e")
    print(f"  offset     {format_grams(cert.offset_g)} CO2e")
    print(f"  project    {cert.project_id}")
    print(f"  factors    {cert.factors_version}")
    print(f"  opens      {host or 'no web page (demo, not registered)'}")
    if was_refunded:
        print(
            f"diandian cert: REFUNDED: certificate {cert.cert_id} was refunded; it no longer "
            "stands for any credit",
            file=sys.stderr,
        )
        return EXIT_REFUNDED
    if home is None:
        print("  (this kiosk is not enrolled, so the address cannot be checked)")
    elif host != host_of(home):
        print(
            f"diandian cert: WARNING: a phone would open {host or 'no web page'}, not "
            f"{host_of(home)}, the registry this kiosk is enrolled with",
            file=sys.stderr,
        )
        return EXIT_ELSEWHERE
    return 0


def _content(args: argparse.Namespace) -> Any:
    from kiosk.certificate.issue import kiosk_key
    from kiosk.errors import InputError
    from kiosk.order_lookup import find_order
    from kiosk.slips.build import build_content

    ledger = open_ledger(args, check=False)
    try:
        order = find_order(ledger, args.ref)  # `18`, or as printed: K5V431TF76-000018
    except InputError:
        ledger.close()
        raise
    if order.status != "paid":
        ledger.close()
        raise InputError(
            "SERIAL", f"order {order.code} is {order.status}; only paid orders have slips"
        )
    return ledger, order, build_content(order, ledger, kiosk_key(ledger))


def run_slip(args: argparse.Namespace) -> int:
    ledger, _order, content = _content(args)
    ledger.close()
    if args.format == "png":
        from kiosk.slips.image import render_png

        data = render_png(content)
        args.out.write_bytes(data)
    else:
        from kiosk.slips.pdf import render_pdf_to_file

        render_pdf_to_file(content, args.format, args.out)
    print(f"wrote the {args.format} slip of {content.serial} to {args.out}")
    return 0


def run_print(args: argparse.Namespace) -> int:
    from kiosk.checkout import print_slip
    from kiosk.config import printer_config
    from kiosk.errors import PrinterError

    config = printer_config(args)
    ledger, order, content = _content(args)
    with ledger:
        ledger.set_slip(order.id, "pending", actor="cli")
        try:
            delivery = print_slip(content, config)
        except PrinterError as exc:
            ledger.set_slip(order.id, "failed", error=str(exc), actor="cli")
            print(f"diandian cert: {exc} (the order stays paid; reprint later)", file=sys.stderr)
            return 1
        ledger.set_slip(order.id, delivery.status, error=delivery.note, actor="cli")
    if delivery.status == "unconfirmed":
        print(
            f"diandian cert: the slip of {content.serial} was {delivery.note}; it stays on the "
            "reprint list until printed",
            file=sys.stderr,
        )
        return 0
    print(f"printed the slip of {content.serial}")
    return 0
