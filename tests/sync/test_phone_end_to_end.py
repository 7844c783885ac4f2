"""What the README promises a new user, end to end with the real commands: a registry in
demo mode, the venue's poster, its QR opened on a phone, a trip offset and paid with the
simulated provider, the certificate and the ranking; then a kiosk's sync brings the phone's
sale into the kiosk's ranking."""

from __future__ import annotations

import httpx
import pytest
import zxingcpp
from PIL import Image

from kiosk.ledger import Ledger
from kiosk.ranking import everywhere
from sync.registry import operations
from sync.registry.db import make_engine
from tests.sync.registry.phone import Phone
from tests.sync.registry.served import serve

pytestmark = pytest.mark.slow


def test_registry_demo_poster_phone_then_kiosk_ranking(tmp_path, diandian) -> None:
    db = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    made = diandian("registry", "init", "--demo", "--db", db)
    assert made.returncode == 0 and "simulated payments on" in made.stdout, made.stderr
    with serve(db) as base:
        poster = tmp_path / "poster.png"
        printed = diandian("venue", "poster", "--venue", "demo-expo", "--format", "png",
                           "--out", str(poster), "--public-url", base)  # fmt: skip
        assert printed.returncode == 0, printed.stderr
        (code,) = zxingcpp.read_barcodes(Image.open(poster))
        assert code.text == f"{base}/v/demo-expo"
        with httpx.Client(base_url=base, timeout=30) as client:
            phone = Phone(client)
            assert phone.get(code.text).status_code == 200
            phone.answer_all("trip", {"1": "北京"})
            phone.order(nickname="熊猫")
            phone.press("pay")
            assert 'data-state="paid"' in phone.page and "熊猫" in phone.page
            link = phone.certificate()
            cert = client.get(link)
            assert "签名有效" in cert.text and "已注销" in cert.text
        engine = make_engine(db)
        with engine.begin() as conn:
            token = operations.new_enrol_token(conn=conn, name="lobby")
        engine.dispose()
        kiosk = tmp_path / "k.sqlite"
        enrolled = diandian("enroll", "--registry", base, "--token", token, "--name", "lobby",
                            "--db", str(kiosk))  # fmt: skip
        assert enrolled.returncode == 0, enrolled.stderr
        synced = diandian("sync", "--db", str(kiosk))
        assert synced.returncode == 0, synced.stdout + synced.stderr
        # the registry's issuer key came with /v1/keys: the kiosk checks the phone's
        # certificate offline
        checked = diandian("cert", "verify", base + link, "--db", str(kiosk))
        assert checked.returncode == 0, checked.stdout + checked.stderr
    with Ledger.open(kiosk) as ledger:
        board = everywhere(ledger)
    assert [(e.nickname, e.rank) for e in board.entries] == [("熊猫", 1)]
