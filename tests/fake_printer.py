"""A network receipt printer stood in for by a real TCP listener on 127.0.0.1 (port 9100's
protocol: raw bytes in, one status byte back for each real-time request DLE EOT n that opens a
connection), shared by the printing and printer-status tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Mapping

from kiosk.slips.printers import PrinterConfig

DLE_EOT = b"\x10\x04"
STATUS_REQUEST = b"\x10\x04\x04"  # DLE EOT 4: paper sensor

# What an Epson-style printer answers to DLE EOT 1 (printer), 2 (offline cause), 4 (paper).
# 0x12 is the fixed bits alone: online, cover shut, no error, paper present.
READY = {1: b"\x12", 2: b"\x12", 4: b"\x12"}
PAPER_LOW = {1: b"\x12", 2: b"\x12", 4: b"\x1e"}  # near-end bits 2-3
PAPER_OUT = {1: b"\x1a", 2: b"\x32", 4: b"\x7e"}  # offline; stopped by paper end; both sensors
COVER_OPEN = {1: b"\x1a", 2: b"\x16", 4: b"\x12"}  # offline; cover open
SILENT: dict[int, bytes | None] = {}  # answers nothing, like many cheap printers


class FakePrinter:
    """A port-9100 printer on 127.0.0.1 that keeps what it receives, one connection at a time.

    status: the byte it answers DLE EOT 4 with (None: it ignores status requests, as some do).
    answers: the byte for each n of DLE EOT n instead (e.g. PAPER_OUT); an n without one
    is ignored, and the rest of that connection, request included, is kept as print data.
    Assign `answers` between connections to change what the printer says.
    reads=False: it accepts the connection and never reads, like a jammed printer.
    """

    def __init__(
        self,
        status: bytes | None = b"\x12",
        reads: bool = True,
        answers: Mapping[int, bytes | None] | None = None,
    ) -> None:
        if answers is None:
            answers = {1: b"\x12", 2: b"\x12", 4: status} if status is not None else SILENT
        self.answers: dict[int, bytes | None] = dict(answers)
        self.reads = reads
        self.data = b""
        self.requests: list[int] = []  # each DLE EOT n noticed (up to the first ignored)
        self.connections = 0
        self.done = threading.Event()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if not reads:
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.server.settimeout(0.05)  # so close() is noticed between connections
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                if self.done.is_set():
                    return
                continue
            except OSError:
                return
            conn.settimeout(None)
            self.connections += 1
            with conn:
                if not self.reads:
                    self.done.wait(10)
                    return
                self.data += self._talk(conn)

    def _talk(self, conn: socket.socket) -> bytes:
        """Answer the status requests at the start of the connection; return the rest."""
        buf, answering = bytearray(), True
        while chunk := conn.recv(65536):
            buf += chunk
            while answering and len(buf) >= 3 and buf[:2] == DLE_EOT:
                self.requests.append(buf[2])
                answer = self.answers.get(buf[2])
                if answer is None:
                    answering = False  # ignored: the request stays in the data
                    break
                conn.sendall(answer)
                del buf[:3]  # real-time commands are answered, never printed
            if answering and buf and bytes(buf[:2]) != DLE_EOT[: len(buf[:2])]:
                answering = False  # the job itself has started
        return bytes(buf)

    def config(self, **kwargs: object) -> PrinterConfig:
        return PrinterConfig(kind="network", host="127.0.0.1", port=self.port, **kwargs)

    def close(self) -> bytes:
        self.done.set()
        self.thread.join(5)
        self.server.close()
        return self.data
