"""A client that streams a large request body and listens for the answer while it sends, as an
attacker's would: what httpx cannot do (it sends the whole body before reading a reply).

Also a hub served as its own process by `kiosk-hub serve`, whose memory can be read from /proc.
"""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import h11
import httpx

from tools.pgtemp import free_port

ROOT = Path(__file__).resolve().parents[3]
MiB = 1024 * 1024
_CHUNK = b"x" * MiB


@dataclass(frozen=True)
class Answer:
    """The hub's answer and how much of the body had left the client when it came."""

    status: int
    headers: dict[str, str]
    body: bytes
    sent: int  # body bytes written to the socket before the answer's first byte arrived


def stream(
    url: str,
    path: str,
    total: int,
    *,
    headers: Mapping[str, str] | None = None,
    declared: int | None = None,
    deadline_s: float = 120.0,
) -> Answer:
    """POST `total` bytes to `path`, chunked, or raw after a `Content-Length: declared` that
    may say less than is sent; read the socket between writes and stop sending as soon as an
    answer arrives."""
    host, port = url.removeprefix("http://").split(":")
    request_headers = [("Host", host), *(headers or {}).items()]
    if declared is None:
        request_headers.append(("Transfer-Encoding", "chunked"))
    else:
        request_headers.append(("Content-Length", str(declared)))
    head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in request_headers)
    # h11 reads the answer; the body is framed by hand, so that it may say one thing and send
    # another.
    connection = h11.Connection(h11.CLIENT)
    connection.send(h11.Request(method="POST", target=path, headers=request_headers))
    sock = socket.create_connection((host, int(port)))
    sock.setblocking(False)
    out = memoryview((head + "\r\n").encode())
    queued = sent = 0
    sending, finished, first_byte_at = True, False, -1
    status, answer_headers, body = 0, {}, b""
    give_up = time.monotonic() + deadline_s
    try:
        while True:
            if time.monotonic() > give_up:
                raise TimeoutError(f"no answer after {sent} bytes sent")
            readable, writable, _ = select.select([sock], [sock] if sending else [], [], 1.0)
            if readable:
                try:
                    data = sock.recv(1 << 16)
                except ConnectionResetError:
                    data = b""
                if first_byte_at < 0:
                    first_byte_at = sent
                    sending = False  # an answer: an attacker's client would stop too
                connection.receive_data(data)
                done = False
                while True:
                    event = connection.next_event()
                    if isinstance(event, h11.Response):
                        status = event.status_code
                        answer_headers = {k.decode(): v.decode() for k, v in event.headers}
                    elif isinstance(event, h11.Data):
                        body += bytes(event.data)
                    elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                        done = True
                        break
                    elif event is h11.NEED_DATA or event is h11.PAUSED:
                        break
                if done or not data:
                    break
            if writable and sending:
                if not out:
                    if finished:
                        sending = False  # all sent: only the answer is awaited
                        continue
                    if queued >= total:
                        out = memoryview(b"0\r\n\r\n" if declared is None else b"")
                        finished = True
                        continue
                    piece = _CHUNK[: min(MiB, total - queued)]
                    framed = (
                        piece if declared is not None else b"%x\r\n%s\r\n" % (len(piece), piece)
                    )
                    out = memoryview(framed)
                    queued += len(piece)
                try:
                    written = sock.send(out)
                except (BrokenPipeError, ConnectionResetError):
                    sending = False
                    continue
                out = out[written:]
                sent = max(0, queued - len(out))
    finally:
        sock.close()
    if not status:
        raise AssertionError(f"the connection closed without an answer after {sent} bytes")
    return Answer(status, answer_headers, body, max(0, first_byte_at))


@dataclass(frozen=True)
class ServedHub:
    url: str
    pid: int

    def peak_rss_mb(self) -> float:
        """The hub process's peak resident memory so far (VmHWM), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise AssertionError("no VmHWM")


@contextmanager
def hub_process(env: Mapping[str, str], log: Path, args: Sequence[str] = ()) -> Iterator[ServedHub]:
    """`kiosk-hub serve [args]` (one worker unless `--workers N`) as its own process on a free
    loopback port, its output in `log`."""
    port = free_port()
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("HUB_")},
        "PYTHONPATH": str(ROOT),  # this tree's hub
        "HUB_PORT": str(port),
        "HUB_POOL_SIZE": "2",
        **env,
    }
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "kiosk.hub_cli", "serve", *args],
            cwd=ROOT,
            env=full_env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()[-2000:])
            time.sleep(0.1)
        yield ServedHub(url, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
