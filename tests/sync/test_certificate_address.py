"""A certificate's QR opens the registry's real page: a real `registry serve --public-url`
process, a kiosk enrolled and synced with the real `diandian` command, the slip rendered as
a PDF and its QR decoded back with zxing-cpp, then that exact address fetched."""

from __future__ import annotations

from pathlib import Path

import httpx
import pypdfium2
import pytest

from kiosk.certificate.address import host_of
from kiosk.certificate.issue import kiosk_key
from kiosk.ledger import Ledger, syncstate
from tests.sync.conftest import sell
from tests.sync.procs import Registry, registry, run, slip_qr

pytestmark = pytest.mark.slow


def _sync(path: Path, home: Path) -> None:
    result = run("sync", "--db", str(path), "--budget", "20", home=home)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_qr_opens_the_registrys_public_page(tmp_path: Path) -> None:
    with registry(tmp_path / "registry", start=False) as reg:
        # The public address differs from the one the kiosk syncs with (127.0.0.1): the same
        # server, reached by another name, as a load balancer's public name would be.
        public = f"http://localhost:{reg.port}"
        reg.serve_args = ("--public-url", public)
        reg.start()
        path = tmp_path / "kiosk.sqlite"
        with Ledger.open(path) as ledger:
            kiosk_key(ledger)
        token = reg.token("expo")
        enrolled = run("enroll", "--registry", reg.url, "--token", token, "--db", str(path),
                       home=reg.home)  # fmt: skip
        assert enrolled.returncode == 0, enrolled.stderr
        assert f"certificate QRs point to {public}" in enrolled.stdout
        _sync(path, reg.home)  # the registry's catalogue and retired serials granted
        with Ledger.open(path) as ledger:  # customers, offline
            sell(ledger, 3, seed=5)
            serial = ledger.orders(status="paid", limit=1)[0].serial

        text = slip_qr(path, serial, reg.home, tmp_path / "slip.pdf")
        assert host_of(text) == f"localhost:{reg.port}"  # not the sync address, no placeholder
        page = httpx.get(text, timeout=20)  # the exact text of the QR, as a phone opens it
        assert page.status_code == 200 and "签名有效" in page.text  # verified offline-issued
        assert "Issued offline, not yet synced" in page.text

        _sync(path, reg.home)
        synced = httpx.get(text, timeout=20).text
        assert "Received by the registry" in synced
        slip = pypdfium2.PdfDocument(str(tmp_path / "slip.pdf"))[0].get_textpage().get_text_range()
        for words in ("已购买并已注销", "Purchased and retired"):  # the slip and the page agree
            assert words in slip and words in synced
        checked = run("cert", "verify", text, "--db", str(path), home=reg.home)
        assert checked.returncode == 0 and f"opens      localhost:{reg.port}" in checked.stdout

        with Ledger.open(path) as ledger:  # refunded at the counter, then synced
            ledger.void(ledger.get(str(serial)).id, reason="changed mind", actor="alice")
        _sync(path, reg.home)
        assert "Refunded: this certificate is void" in httpx.get(text, timeout=20).text
        refunded = run("cert", "verify", text, "--db", str(path), home=reg.home)
        assert refunded.returncode == 3 and "REFUNDED" in refunded.stderr

        # The registry moves its pages: the next pull tells the kiosk, new slips follow, and
        # a slip printed before is flagged as opening another registry than this kiosk's.
        with Ledger.open(path) as ledger:
            other = next(o.serial for o in ledger.orders(status="paid") if o.serial != serial)
        before = slip_qr(path, other, reg.home, tmp_path / "before.pdf")
        reg.stop()
        moved = f"http://127.0.0.1:{reg.port}"
        reg.serve_args = ("--public-url", moved)
        reg.start()
        _sync(path, reg.home)
        with Ledger.open(path) as ledger:
            assert syncstate.setting(ledger, "public_url") == moved
        after = slip_qr(path, other, reg.home, tmp_path / "after.pdf")
        assert (
            host_of(after) == f"127.0.0.1:{reg.port}"
            and httpx.get(after, timeout=60).status_code == 200
        )
        elsewhere = run("cert", "verify", before, "--db", str(path), home=reg.home)
        assert elsewhere.returncode == 4
        assert f"a phone would open localhost:{reg.port}, not 127.0.0.1:{reg.port}" in (
            elsewhere.stderr
        )


def test_registry_serve_refuses_a_bad_public_address(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "registry.sqlite", tmp_path, 0)
    result = run("registry", "serve", "--db", str(reg.db), "--public-url",
                 "http://certs.example.org/diandian", home=tmp_path)  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "diandian registry: error: --public-url: 'http://certs.example.org/diandian' is not "
        "allowed; allowed: https://HOST or https://HOST:PORT (at most 40 characters, no path; "
        "http:// only to this machine)"
    ]
