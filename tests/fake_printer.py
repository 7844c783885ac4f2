"""A network receipt printer stood in for by a real TCP listener on 127.0.0.1 (port 9100's
protocol: raw bytes in, a status byte back for DLE EOT 4), shared by the printing tests."""

from __future__ import annotations

import socket
import threading

from kiosk.slips.printers import PrinterConfig

STATUS_REQUEST = b"\x10\x04\x04"  # DLE EOT 4: paper sensor


class FakePrinter:
    """A port-9100 printer on 127.0.0.1 that keeps what it receives.

    status: the byte it answers DLE EOT 4 with (None: it ignores the request, as some do);
    reads=False: it accepts the connection and never reads, like a jammed printer.
    """

    def __init__(self, status: bytes | None = b"\x12", reads: bool = True) -> None:
        self.status, self.reads = status, reads
        self.data = b""
        self.done = threading.Event()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if not reads:
            self.server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            if not self.reads:
                self.done.wait(10)
                return
            buf, answered = bytearray(), self.status is None
            while chunk := conn.recv(65536):
                buf += chunk
                if not answered and len(buf) >= 3:
                    assert bytes(buf[:3]) == STATUS_REQUEST
                    conn.sendall(self.status)
                    del buf[:3]  # real-time commands are answered, never printed
                    answered = True
            self.data = bytes(buf)

    def config(self, **kwargs: object) -> PrinterConfig:
        return PrinterConfig(kind="network", host="127.0.0.1", port=self.port, **kwargs)

    def close(self) -> bytes:
        self.done.set()
        self.thread.join(5)
        self.server.close()
        return self.data
