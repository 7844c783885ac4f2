"""Start a real `diandian registry serve` process on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.ports import HeldPort

BIN = Path(sys.executable).parent / "diandian"


@contextmanager
def serve(
    db_url: str,
    *extra: str,
    scheme: str = "http",
    timeout: float = 60,
    output: list[str] | None = None,
) -> Iterator[str]:
    """The base URL of a registry serving `db_url`; the process is stopped afterwards (and
    its stdout lines appended to `output`, when given)."""
    held = HeldPort()  # nobody else's until the registry listens on it
    port = held.port
    env = {k: v for k, v in os.environ.items() if k != "DIANDIAN_DEBUG"}
    args = [str(BIN), "registry", "serve", "--db", db_url, "--port", str(port), *extra]
    process = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"{scheme}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"registry exited: {process.stderr.read().decode()}")
            try:
                if httpx.get(f"{base}/v1/health", timeout=1, verify=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("registry did not answer /v1/health in time")
            time.sleep(0.1)
        yield base
    finally:
        held.close()
        process.terminate()
        try:
            out, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
        if output is not None:
            output += out.decode().splitlines()
