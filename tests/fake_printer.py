"""A network receipt printer stood in for by a real TCP listener on 127.0.0.1 (port 9100's
protocol: raw bytes in, one status byte back for each real-time request DLE EOT n, wherever it
arrives: before a job, or after it to confirm the slip), shared by the printing and
printer-status tests."""

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
    Assign `answers` (or `after_job`) between connections to change what the printer says.
    after_job: what it answers once a job has started (e.g. PAPER_OUT: the roll ran out while
    printing); by default the same as `answers`.
    reads=False: it accepts the connection and never reads; with the default `buffer` the
    kernel takes only 4 kB (a jammed printer), with buffer=None a whole slip (a printer that
    takes the bytes and never says a word).
    """

    def __init__(
        self,
        status: bytes | None = b"\x12",
        reads: bool = True,
        answers: Mapping[int, bytes | None] | None = None,
        after_job: Mapping[int, bytes | None] | None = None,
        buffer: int | None = 4096,
    ) -> None:
        if answers is None:
            answers = {1: b"\x12", 2: b"\x12", 4: status} if status is not None else SILENT
        self.answers: dict[int, bytes | None] = dict(answers)
        self.after_job = None if after_job is None else dict(after_job)
        self.reads = reads
        self.data = b""
        self.requests: list[int] = []  # each DLE EOT n noticed (up to the first ignored)
        self.connections = 0
        self.done = threading.Event()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if not reads and buffer is not None:
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, buffer)
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
        """Answer each status request as it arrives; return everything else (the print data).

        Like a real printer it reads commands in order, so bytes inside a raster image
        (GS v 0) or a QR's data (GS ( k) are never mistaken for a request."""
        buf, data, skip, job = bytearray(), bytearray(), 0, False
        while chunk := conn.recv(65536):
            buf += chunk
            i = 0
            while i < len(buf):
                if skip:
                    taken = buf[i : i + skip]
                    data += taken
                    i, skip = i + len(taken), skip - len(taken)
                    continue
                if buf[i : i + 2] == DLE_EOT:
                    if len(buf) - i < 3:
                        break  # the rest of the request is still on its way
                    self.requests.append(buf[i + 2])
                    answers = self.after_job if job and self.after_job is not None else self.answers
                    answer = answers.get(buf[i + 2])
                    if answer is None:
                        data += buf[i : i + 3]  # ignored: it stays in the data
                    else:
                        conn.sendall(answer)  # real-time: answered, never printed
                    i += 3
                    continue
                job = True
                header = {b"\x1dv0": 8, b"\x1d(k": 5}.get(bytes(buf[i : i + 3]))
                if header:
                    if len(buf) - i < header:
                        break
                    if header == 8:  # GS v 0 m xL xH yL yH: width bytes x rows follow
                        xl, xh, yl, yh = buf[i + 4 : i + 8]
                        skip = (xl + 256 * xh) * (yl + 256 * yh)
                    else:  # GS ( k pL pH: pL + 256 pH bytes follow
                        skip = buf[i + 3] + 256 * buf[i + 4]
                    data += buf[i : i + header]
                    i += header
                    continue
                data.append(buf[i])
                i += 1
            del buf[:i]
        return bytes(data + buf)

    def config(self, **kwargs: object) -> PrinterConfig:
        return PrinterConfig(kind="network", host="127.0.0.1", port=self.port, **kwargs)

    def close(self) -> bytes:
        self.done.set()
        self.thread.join(5)
        self.server.close()
        return self.data
