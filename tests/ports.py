"""Loopback ports the tests hold for as long as they use them.

Binding to port 0 and closing the socket again hands out a port that is free *now*: until the
server that was meant to have it binds it (a registry process takes a second or two to start
on a loaded machine), any other process's `bind(("127.0.0.1", 0))` or outgoing connection may
take it, and a "closed" port may be listening by the time a test expects it to refuse. A
`HeldPort` keeps the port bound and never listens on it:

- connecting to it is refused, so it serves as the closed port of a test;
- bound with SO_REUSEADDR, it lets the server we start bind and listen on the same port (Linux
  allows a second SO_REUSEADDR bind while neither socket listens), while no ephemeral port
  search and no plain `bind` elsewhere can get it.
"""

from __future__ import annotations

import socket


class HeldPort:
    """A loopback port kept out of everyone else's reach until `close()`."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]

    def close(self) -> None:
        self._sock.close()

    def __enter__(self) -> HeldPort:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
