"""Real processes and sockets for the end-to-end tests: the registry, and a proxy that breaks
every third request.

The proxy is a real HTTP server on loopback that forwards to the registry; every third
request it answers 503 instead, alternately *before* forwarding (the registry never saw it)
and *after* (the registry applied it, the kiosk never heard): the second kind is the one that
only an idempotent resend survives.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.catalogue import load_demo_catalogue
from tests.conftest import BIN
from tests.ports import HeldPort

STOCK_T = 100_000
RETIRED_T = 10_000  # of each project's stock, retired by the operator at the start


def run(
    *args: str, home: Path, timeout: float = 120, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DIANDIAN_DEBUG", "SSL_CERT_FILE")}
    env["DIANDIAN_HOME"] = str(home)
    env.update(env_extra or {})
    return subprocess.run(
        [str(BIN / "diandian"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def popen(*args: str, home: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DIANDIAN_DEBUG"}
    env["DIANDIAN_HOME"] = str(home)
    return subprocess.Popen(
        [str(BIN / "diandian"), *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@dataclass
class Registry:
    db: Path
    home: Path
    port: int
    proc: subprocess.Popen[bytes] | None = None
    tls: tuple[Path, Path] | None = None  # (certificate, key): serve https
    serve_args: tuple[str, ...] = ()  # more `registry serve` options, e.g. --public-url

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        result = run("registry", *args, "--db", str(self.db), home=self.home)
        assert result.returncode == 0, result.stderr
        return result

    def token(self, name: str) -> str:
        return self.cli("enroll-token", "--name", name).stdout.strip().split()[-1]

    def stats(self) -> dict[str, Any]:
        return json.loads(self.cli("stats", "--json").stdout)

    def start(self) -> None:
        tls = ("--tls-cert", str(self.tls[0]), "--tls-key", str(self.tls[1])) if self.tls else ()
        self.proc = popen(
            "registry", "serve", "--db", str(self.db), "--port", str(self.port),
            "--headroom-t", "1000", *tls, *self.serve_args, home=self.home,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("the registry exited at start") from None
                time.sleep(0.05)
        raise RuntimeError("the registry did not start within 30 s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def projects_file(folder: Path) -> Path:
    """The kiosks' demo projects, each with a serial block and stock, for import-projects."""
    rows = []
    for index, project in enumerate(load_demo_catalogue().projects):
        block = f"T{index}-2026-000001..{STOCK_T:06d}"
        rows.append(project.to_dict() | {"serials": [block], "stock_t": STOCK_T})
    path = folder / "projects.json"
    path.write_text(json.dumps({"projects": rows}, ensure_ascii=False))
    return path


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, signed by its own key (its own CA)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "diandian test registry")])
    now = dt.datetime.now(dt.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "registry-cert.pem", folder / "registry-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@contextmanager
def registry(folder: Path, *, start: bool = True, tls: bool = False) -> Iterator[Registry]:
    folder.mkdir(parents=True, exist_ok=True)
    held = HeldPort()  # ours until the registry is stopped for good: restarts find it free
    reg = Registry(folder / "registry.sqlite", folder, held.port)
    if tls:
        reg.tls = self_signed(folder)
    reg.cli("init")
    reg.cli("import-projects", str(projects_file(folder)))
    for index, project in enumerate(load_demo_catalogue().projects):  # retired before sale
        reg.cli("retire-blocks", "--project", project.id, "--serials",
                f"T{index}-2026-000001..{RETIRED_T:06d}", "--reference", f"SEEE-E2E-{index}",
                "--beneficiary", "Diandian visitors")  # fmt: skip
    try:
        if start:
            reg.start()
        yield reg
    finally:
        reg.stop()
        held.close()


class FaultProxy:
    """Forward to `upstream`; every `fail_every`-th request gets a 503 (before or after
    forwarding); every answer is held back `delay_s` after the registry gave it (a slow link,
    so a job killed at a random moment is often killed with a batch applied but unheard)."""

    def __init__(self, upstream: str, *, fail_every: int = 3, delay_s: float = 0.0) -> None:
        self.upstream = urlsplit(upstream)
        self.fail_every, self.delay_s = fail_every, delay_s
        self.count = 0
        self.failed_before = self.failed_after = self.forwarded = 0
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy.lock:
                    proxy.count += 1
                    every = proxy.fail_every
                    third = bool(every) and proxy.count % every == 0
                    after = third and (proxy.count // every) % 2 == 0
                if third and not after:
                    proxy.failed_before += 1
                    return self._reply(503, b'{"error":{"code":"proxy","message":"injected"}}')
                status, data = proxy.forward(self.command, self.path, dict(self.headers), body)
                time.sleep(proxy.delay_s)
                if after:
                    proxy.failed_after += 1
                    return self._reply(503, b'{"error":{"code":"proxy","message":"lost"}}')
                proxy.forwarded += 1
                self._reply(status, data)

            def _reply(self, status: int, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)
        try:
            skip = {"host", "connection", "content-length"}
            kept = {k: v for k, v in headers.items() if k.lower() not in skip}
            conn.request(method, path, body=body or None, headers=kept)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def slip_qr(path: Path, serial: int, home: Path, out: Path) -> str:
    """`diandian cert slip` as a PDF, rendered at 300 dpi and its QR read back (zxing-cpp)."""
    import pypdfium2
    import zxingcpp

    made = run("cert", "slip", str(serial), "--out", str(out), "--db", str(path), home=home)
    assert made.returncode == 0, made.stderr
    image = pypdfium2.PdfDocument(str(out))[0].render(scale=300 / 72).to_pil()
    [found] = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return found.text
