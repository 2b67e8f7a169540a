"""The alarm sounds on every kiosk that shows an open alert, again and again until someone
attends: the bundled sound looped by QSoundEffect (through a real PulseAudio server with a null
sink, the way a kiosk's speakers are reached), or beeps where the kiosk has no sound server."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.features.emergency.ui.alarm import BEEP, MULTIMEDIA, alarm_file
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.emergency.test_emergency import attend, remote_alert
from tests.kiosk_fixtures import tap

Kiosk = tuple[MainWindow, KioskServices]


@pytest.fixture
def sound_server(pulse_server: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The kiosk finds the test's PulseAudio server through PULSE_SERVER."""
    monkeypatch.setenv("PULSE_SERVER", pulse_server)
    return pulse_server


def test_the_bundled_alarm_is_a_real_sound() -> None:
    with wave.open(str(alarm_file())) as sound:
        seconds = sound.getnframes() / sound.getframerate()
        assert sound.getnchannels() == 1 and sound.getsampwidth() == 2
    assert 1.0 <= seconds <= 2.0


def test_the_alarm_loops_while_the_alert_is_open_and_stops_when_someone_attends(
    qtbot: QtBot, kiosk: Kiosk, sound_server: str
) -> None:
    window, services = kiosk
    banner = window.flow("emergency").banner
    remote_alert(services)  # raised at the other exit's kiosk: this one sounds too
    window.refresh_status()
    alarm = banner.alarm
    assert banner.isVisible() and alarm.sounding and alarm.backend == MULTIMEDIA
    effect = alarm.effect
    assert effect is not None
    assert effect.source().toLocalFile() == str(alarm_file())
    assert effect.loopCount() == effect.Loop.Infinite.value
    qtbot.waitUntil(effect.isPlaying, timeout=5000)
    qtbot.wait(3200)  # over twice the sound's length: it plays on, from the start again
    assert effect.isPlaying() and effect.loopsRemaining() == effect.Loop.Infinite.value
    window.refresh_status()  # the status timer: an open alert does not restart the sound
    assert effect.isPlaying()

    tap(qtbot, banner.ack_button)
    attend(qtbot, window)
    assert not banner.isVisible()
    qtbot.waitUntil(lambda: not effect.isPlaying(), timeout=2000)
    assert not alarm.sounding


def test_without_a_sound_server_the_alarm_beeps_until_someone_attends(
    qtbot: QtBot, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))  # no pulse/native socket in it
    window, services = kiosk
    banner = window.flow("emergency").banner
    banner.alarm.beeper.setInterval(50)  # the fallback's 3 s period, shortened for the test
    remote_alert(services)
    window.refresh_status()
    assert banner.alarm.backend == BEEP and banner.alarm.effect is None
    qtbot.waitUntil(lambda: banner.alarm.beeps >= 4, timeout=3000)  # again and again

    tap(qtbot, banner.ack_button)
    attend(qtbot, window)
    assert not banner.isVisible() and not banner.alarm.beeper.isActive()
    beeps = banner.alarm.beeps
    qtbot.wait(200)
    assert banner.alarm.beeps == beeps  # silent once someone attends
