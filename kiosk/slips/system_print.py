"""PDF slips on an ordinary printer through CUPS (`lp`), for counters with no receipt printer."""

from __future__ import annotations

import shutil
import subprocess

from kiosk.errors import PrinterError
from kiosk.slips.printers import PrinterConfig


def print_pdf(pdf: bytes, config: PrinterConfig, title: str) -> None:
    """Hand the PDF to the CUPS queue; `lp` returns once the job is queued."""
    lp = shutil.which("lp")
    if lp is None:
        raise PrinterError(
            "the system printing command `lp` is missing; install CUPS (apt-get install "
            "cups-client) or use a receipt printer"
        )
    try:
        done = subprocess.run(
            [lp, "-d", config.queue, "-t", title, "-"],
            input=pdf,
            capture_output=True,
            timeout=config.timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise PrinterError(
            f"{config.name} did not accept the slip within {config.timeout_s:g} s"
        ) from None
    if done.returncode != 0:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["no reason"])[0]
        raise PrinterError(f"{config.name} refused the slip: {reason}")
