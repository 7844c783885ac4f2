"""The tests' ports stay theirs: a held port refuses connections, no one else can bind it, and
the server a test starts can still listen on it."""

from __future__ import annotations

import socket

import pytest

from tests.ports import HeldPort


def test_no_one_else_can_take_a_held_port() -> None:
    # A port found by bind(0) and closed again could be bound here (and by any other process)
    # before the registry meant to have it had started.
    with HeldPort() as held, socket.socket() as other, pytest.raises(OSError):
        other.bind(("127.0.0.1", held.port))


def test_a_held_port_refuses_connections() -> None:
    with HeldPort() as held, pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", held.port), timeout=10).close()


def test_the_server_a_test_starts_listens_on_its_held_port() -> None:
    with HeldPort() as held, socket.socket() as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn's does
        server.bind(("127.0.0.1", held.port))
        server.listen()
        socket.create_connection(("127.0.0.1", held.port), timeout=10).close()
