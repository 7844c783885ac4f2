"""The certificate stays reachable until Done, and shows the share image's figures."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_the_ranking_leads_back_to_the_certificate_until_done(kiosk, slip_file):
    window, pilot = kiosk(lang="en")
    order = pilot.customer("meal")
    window.certificate.btnRanking.click()
    pilot.on("rankingScreen")
    assert window.ranking.btnCertificate.isVisible()
    window.ranking.btnCertificate.click()
    pilot.on("certificateScreen")
    assert window.certificate.cert.order.id == order.id and window.certificate.qr.isVisible()
    window.certificate.btnRanking.click()
    pilot.on("rankingScreen")
    window.ranking.btnFinish.click()
    pilot.on("attractScreen")


def test_the_screen_and_the_share_image_show_the_same_rounded_figure(kiosk, slip_file):
    window, pilot = kiosk(lang="fr")
    pilot.customer("meal")
    cert = window.certificate.cert
    shown = window.certificate.lblOffset.text()
    figure = cert.content.offset_shown.removesuffix(" CO2e")
    assert figure in shown and "," in figure and "\u00a0kg" in figure  # 5,6 kg, French style
    assert cert.content.offset != cert.content.offset_shown  # the slip keeps exact grams
