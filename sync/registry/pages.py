"""The certificate page the QR opens: mobile-first HTML, Chinese and English side by side.

Its title and claims are the core's (kiosk.certificate.claims): the page says exactly what the
slip says, and what is true now (refunded, retired, or retirement pending).

Plain server-rendered HTML with inline CSS and no script: it loads fast on a phone on a weak
connection and shows the same thing in every browser. Every value is escaped.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from kiosk.certificate.claims import LABELS, Claim, claim
from kiosk.credit import RetirementStatus
from sync.registry.lookup import Lookup

STYLE = """
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",
"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
background:#f3f7f2;color:#1c2b1e;line-height:1.45}
main{max-width:34rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 1rem}
.card{background:#fff;border-radius:12px;padding:1rem;margin-bottom:1rem;
box-shadow:0 1px 3px rgba(0,0,0,.08)}
.status{font-weight:600;padding:.6rem .8rem;border-radius:8px;margin:.4rem 0}
.ok{background:#dff3e2;color:#185c26}.bad{background:#fde2e1;color:#8a1c14}
.wait{background:#fff4d6;color:#6b4d00}
dl{display:grid;grid-template-columns:auto 1fr;gap:.35rem .8rem;margin:0}
dt{color:#56705a;font-size:.9rem}dd{margin:0;overflow-wrap:anywhere}
small{color:#56705a}
a{color:#185c26}
"""


def grams_text(value: int) -> str:
    return f"{value / 1000:,.1f} kg" if value < 1_000_000 else f"{value / 1_000_000:,.3f} t"


def _status(kind: str, zh: str, en: str, test_id: str) -> str:
    return (
        f'<p class="status {kind}" data-testid="{test_id}">{escape(zh)}<br>'
        f"<small>{escape(en)}</small></p>"
    )


def _signature(found: Lookup) -> str:
    if found.signature == "verified":
        return _status("ok", "签名有效", "Signature verifies", "signature")
    if found.signature == "invalid":
        return _status(
            "bad",
            f"签名无法验证：{found.problem}",
            f"Signature does not verify: {found.problem}",
            "signature",
        )
    if found.signature == "unknown_kiosk":
        return _status(
            "wait", "无法验证：签发终端未登记", f"Cannot check: {found.problem}", "signature"
        )
    return _status(
        "ok", "已由签发终端签名上传", "Uploaded signed by the issuing kiosk", "signature"
    )


def _receipt(found: Lookup) -> str:
    if found.voided:
        return _status(
            "bad", "此证书已退款作废", "This certificate was refunded (void)", "received"
        )
    if found.received:
        return _status("ok", "登记处已收到", "Received by the registry", "received")
    return _status("wait", "离线签发，尚未同步", "Issued offline, not yet synced", "received")


def _retirement(found: Lookup) -> str:
    r = found.retirement
    if found.ranges:
        refs = "; ".join(dict.fromkeys(x.reference or "" for x in found.ranges))
        return _status(
            "ok", f"已注销（注销编号 {refs}）", f"Retired (retirement {refs})", "retirement"
        )
    if r is None:
        if not found.received:
            return ""
        return _status(
            "wait", "等待注销（按整吨注销）", "Awaiting retirement (whole tonnes)", "retirement"
        )
    span = r["serial_first"] if r["tonnes"] == 1 else f"{r['serial_first']} – {r['serial_last']}"
    return _status(
        "ok", f"已注销：{span}", f"Retired: {span} ({r['retired_at'][:10]})", "retirement"
    )


def _facts(found: Lookup) -> str:
    f: dict[str, Any] = found.facts or {}
    name = found.project or {}
    names = name.get("name", {}) if isinstance(name.get("name"), dict) else {}
    rows = [
        ("证书 Certificate", found.cert_id),
        ("抵消 Offset", grams_text(int(f["offset_g"]))),
        ("足迹 Footprint", grams_text(int(f["footprint_g"]))),
        (
            "项目 Project",
            " / ".join(x for x in (names.get("zh"), names.get("en")) if x) or f["project_id"],
        ),
        ("签发 Issued", str(f["issued"]).replace("T", " ")[:19] + " UTC"),
        ("终端 Kiosk", f"{f['kiosk_id']} #{f['serial']}"),
        ("排放因子 Factors", f["factors_version"]),
    ]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows)
    link = f"/p/{quote(str(f['project_id']), safe='')}"
    more = (
        f'<p><a href="{escape(link)}" data-testid="project-link">项目详情 About the project</a></p>'
    )
    return f'<dl data-testid="facts">{items}</dl>{more}'


def _credit(found: Lookup) -> str:
    """Which retired grams cover it: serial(s) and gram ranges, the exchange's retirement
    reference and the beneficiary named in it."""

    def caption(key: str) -> str:  # the slip's captions (kiosk.certificate.claims)
        return f"{LABELS[key]['zh']} {LABELS[key]['en']}"

    rows = [(caption("credits"), r.label()) for r in found.ranges]
    for key, values in (
        ("reference", [r.reference for r in found.ranges]),
        ("beneficiary", [r.beneficiary for r in found.ranges]),
    ):
        rows += [(caption(key), v) for v in dict.fromkeys(values) if v]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows)
    return f'<section class="card"><dl data-testid="credit">{items}</dl></section>'


def claim_of(found: Lookup) -> Claim | None:
    """What this certificate may claim now (kiosk.certificate.claims), from what the registry
    knows; None when there is nothing to show."""
    if found.facts is None:
        return None
    return claim(
        footprint_g=int(found.facts["footprint_g"]),
        offset_g=int(found.facts["offset_g"]),
        scenario=found.scenario,
        refunded=found.voided,
        ranges=found.ranges,
        retired=found.retirement_status == RetirementStatus.RETIRED,
    )


def _title(said: Claim | None) -> str:
    zh, en = ("点点证书", "Diandian certificate")
    if said is not None:
        zh, en = LABELS[said.title]["zh"], LABELS[said.title]["en"]
    return f'<h1 data-testid="title">{escape(zh)}<br><small>{escape(en)}</small></h1>'


def _claims(said: Claim) -> str:
    """The statements under the title, Chinese above English."""
    kind = {"retired": "ok", "pending": "wait", "refunded": "bad"}[said.standing.value]
    return "".join(
        _status(kind, line.text("zh"), line.text("en"), "claim") for line in said.lines()
    )


def render(found: Lookup) -> str:
    said = claim_of(found)
    body = [_title(said)]
    if said is not None:
        body.append(f'<section class="card">{_claims(said)}</section>')
    if found.facts is None:
        body.append('<section class="card">' + _signature(found) + "</section>")
        if not found.received and found.signature in ("absent",):
            body.append(_status("bad", "未找到此证书", "No such certificate", "received"))
    else:
        card = _signature(found) + _receipt(found) + _retirement(found)
        if found.mismatch:
            card += _status(
                "bad", "与上传记录不一致", "Differs from the uploaded record", "mismatch"
            )
        body.append(f'<section class="card">{card}</section>')
        body.append(f'<section class="card">{_facts(found)}</section>')
        if found.ranges:
            body.append(_credit(found))
    return shell(found.cert_id, "".join(body))


def shell(title: str, body: str) -> str:
    """A whole page around `body` (HTML already escaped); `title` is escaped here."""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} · 点点 Diandian</title><style>{STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
