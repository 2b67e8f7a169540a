"""Sound for the tests: a PulseAudio server of their own with a null sink (the alarm, speech),
and a speech-dispatcher that speaks into it (spoken guidance, docs/speech.md)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PulseAudio server of the tests' own with one null sink (an audio output that plays
    into nothing). For the whole session: once Qt Multimedia has connected to it, it stays
    connected, and a server gone under it would make it log reconnection warnings in later
    tests."""
    binary = shutil.which("pulseaudio")
    if binary is None:
        pytest.skip("pulseaudio is not installed (`make system`)")
    home = tmp_path_factory.mktemp("pulse")
    socket = home / "native"
    server = subprocess.Popen(
        [
            binary,
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",
            "-F",
            "/dev/null",
            "--load=module-null-sink sink_name=kiosk_speakers",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            assert server.poll() is None and time.monotonic() < deadline, "pulseaudio did not start"
            time.sleep(0.02)
        yield f"unix:{socket}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="session")
def speech_server(pulse_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A speech-dispatcher of the tests' own (espeak-ng, playing into the null sink), reached
    through SPEECHD_ADDRESS: the one a kiosk autospawns would need a sound server of the
    machine's."""
    binary = shutil.which("speech-dispatcher")
    if binary is None:
        pytest.skip("speech-dispatcher is not installed (`make system`)")
    home = tmp_path_factory.mktemp("speechd")
    socket = home / "speechd.sock"
    server = subprocess.Popen(
        [binary, "-s", "-t", "0", "-c", "unix_socket", "-S", str(socket), "-L", str(home)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin", "PULSE_SERVER": pulse_server},
    )
    try:
        deadline = time.monotonic() + 15
        while not socket.exists():
            assert server.poll() is None and time.monotonic() < deadline, "no speech-dispatcher"
            time.sleep(0.05)
        yield f"unix_socket:{socket}"
    finally:
        server.terminate()
        server.wait(10)
