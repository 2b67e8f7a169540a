"""A network receipt printer on loopback, for tests: it keeps every byte it is sent and answers
the paper-sensor query (`DLE EOT 4`) as a real one does (with paper, or without)."""

from __future__ import annotations

import socket
import threading
from types import TracebackType

PAPER_QUERY = b"\x10\x04\x04"
PAPER_OK = b"\x12"
PAPER_OUT = b"\x72"


class FakeNetworkPrinter:
    """`with FakeNetworkPrinter() as printer:` listens on 127.0.0.1:`printer.port`."""

    def __init__(self, paper: bool = True, answer_after_s: float = 0.0) -> None:
        self.paper = paper
        self.answer_after_s = answer_after_s  # a slow printer
        self.received = bytearray()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(5)
        self.port = self._server.getsockname()[1]
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def setting(self) -> str:
        return f"net:127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._done.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                while True:
                    try:
                        chunk = conn.recv(65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    if chunk == PAPER_QUERY:
                        self._done.wait(self.answer_after_s)
                        conn.sendall(PAPER_OK if self.paper else PAPER_OUT)
                        continue
                    self.received += chunk

    def __enter__(self) -> FakeNetworkPrinter:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        self._server.close()
        self._thread.join(5)


def closed_port() -> int:
    """A loopback port nobody listens on (a printer that is switched off)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
