"""Sample slip content for renderer tests (the ledger-backed round trip has its own tests)."""

from __future__ import annotations

import pytest

from kiosk.slips.content import SlipContent, SlipLine

# What a bounded wait may overrun its timeout by on a loaded 2-core machine: enough to tell
# "gave up at the deadline" from "waited for another timeout, or forever" without timing it.
MARGIN_S = 10.0

QR_TEXT = (
    "HTTPS://REGISTRY.EXAMPLE.ORG/C/K4F6Z2M1Q-000042/"
    "AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIB"
    "AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQ"
)  # the shape of a real certificate URL: upper case, QR alphanumeric mode, ~230 characters


def make_content(*, french: bool = False, nickname: str = "小明", lines: int = 4) -> SlipContent:
    breakdown = (
        SlipLine("国内航班（经济舱）北京→成都 / Domestic flight Beijing→Chengdu", "182.264 kg"),
        SlipLine("国内航班（经济舱）成都→北京 / Domestic flight Chengdu→Beijing", "182.264 kg"),
        SlipLine("酒店住宿（每间每晚）/ Hotel room-night", "107.000 kg"),
        SlipLine("荤素搭配的一餐 / Mixed meal", "7.507 kg"),
        SlipLine("电力（全国电网平均）/ Electricity (China grid)", "955.080 kg"),
        SlipLine("天然气 / Natural gas", "259.464 kg"),
    )[:lines]
    titles = ("碳中和证书", "Carbon-neutral certificate")
    claims = (
        "已购买并已注销 / Purchased and retired",
        "抵消您的全部碳足迹 / Offsets your whole footprint",
    )
    if french:
        titles += ("Certificat de neutralité carbone",)
        claims = tuple(
            f"{line} / {fr}"
            for line, fr in zip(
                claims, ("Acheté et retiré", "Compense toute votre empreinte"), strict=True
            )
        )
    return SlipContent(
        titles=titles,
        claims=claims,
        nickname=nickname,
        issued="2026-11-26 14:05 (UTC+8)",
        venue="演示：成都会展中心 / Demo: Chengdu convention centre",
        footprint="479.035 kg CO2e",
        breakdown=breakdown,
        offset="479.035 kg CO2e",
        project="演示：都江堰湿地保护 / Demo: Dujiangyan wetland restoration",
        credits=(
            SlipLine("已注销的碳信用 Retired credits", "CDCER-2024-000123 (g 415 343–894 378)"),
            SlipLine("注销凭证号 Retirement reference", "CEEX-RET-2026-0042"),
            SlipLine("受益人 Beneficiary", "Diandian visitors"),
        ),
        serial="K4F6Z2M1Q-000042",
        amount="¥4.32",
        sources="Factors 2026.11.1: DESNZ 2025; MEE/NBS 2023; Scarborough et al. 2014",
        qr_text=QR_TEXT,
        captions={
            "nickname": "昵称 Nickname",
            "issued": "日期 Date",
            "venue": "地点 Venue",
            "footprint": "碳足迹 Footprint",
            "offset": "已抵消 Offset",
            "project": "减排项目 Project",
            "serial": "证书编号 Serial",
            "amount": "金额 Paid",
            "scan": "扫码查看证书 Scan to see your certificate",
        },
    )


@pytest.fixture
def content() -> SlipContent:
    return make_content()
