"""The emergency alarm: the bundled two-tone call (resources/sounds/alarm.wav, made by
tools/alarm_sound.py) played in a loop through Qt Multimedia's QSoundEffect while an alert of
the station is open, until someone acknowledges it.

When Qt Multimedia is missing, no sound server is running (Qt Multimedia plays through
PulseAudio, or PipeWire's PulseAudio service) or it offers no audio output (checked when the
alarm first sounds), it falls back to `QApplication.beep()` every few seconds, so a kiosk without
speakers still calls. Qt Multimedia is imported only then, never before the first paint, and not
at all without a sound server (it would only log that it found none).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Slot
from PySide6.QtWidgets import QApplication

from kiosk.platform.ui.util import quiet_multimedia
from kiosk.resources import resource_path

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

log = logging.getLogger(__name__)

BEEP_MS = 3000  # the fallback's period
MULTIMEDIA, BEEP = "multimedia", "beep"


def alarm_file() -> Path:
    return resource_path("sounds", "alarm.wav")


class AlarmSound(QObject):
    """Loops the alarm between `start()` and `stop()`; `backend` says how it sounds."""

    def __init__(self, parent: QObject | None = None, *, multimedia: bool = True) -> None:
        super().__init__(parent)
        self._want_multimedia = multimedia
        self._effect: QSoundEffect | None = None
        self._chosen = False
        self.sounding = False
        self.beeps = 0  # how many times the fallback beeped
        self.beeper = QTimer(self)
        self.beeper.setInterval(BEEP_MS)
        self.beeper.timeout.connect(self._on_beep)

    @property
    def backend(self) -> str | None:
        """MULTIMEDIA or BEEP once the alarm has sounded (None before)."""
        if not self._chosen:
            return None
        return MULTIMEDIA if self._effect is not None else BEEP

    @property
    def effect(self) -> QSoundEffect | None:
        return self._effect

    def start(self) -> None:
        """Sound until `stop()` (a second start changes nothing)."""
        if self.sounding:
            return
        self.sounding = True
        if not self._chosen:
            self._chosen = True
            self._effect = _sound_effect(self) if self._want_multimedia else None
            if self._effect is not None:
                self._effect.statusChanged.connect(self._on_status)
        if self._effect is not None:
            self._effect.play()
        else:
            self._beep_on()

    def _beep_on(self) -> None:
        self._on_beep()
        self.beeper.start()

    def stop(self) -> None:
        self.sounding = False
        self.beeper.stop()
        if self._effect is not None:
            self._effect.stop()

    @Slot()
    def _on_status(self) -> None:
        """The sound could not be loaded or played after all: beep instead, from now on."""
        effect = self._effect
        if effect is None or effect.status() != effect.Status.Error:
            return
        log.warning("the alarm sound cannot be played here: the alarm beeps instead")
        self._effect = None
        effect.deleteLater()
        if self.sounding:
            self._beep_on()

    @Slot()
    def _on_beep(self) -> None:
        self.beeps += 1
        QApplication.beep()


def sound_server() -> str | None:
    """Where the PulseAudio-protocol server Qt Multimedia would play through listens (the
    `PULSE_SERVER` setting, or the session's or the system's socket), or None."""
    configured = os.environ.get("PULSE_SERVER")
    if configured:
        return configured
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    for socket in (Path(runtime) / "pulse" / "native", Path("/run/pulse/native")):
        if socket.exists():
            return f"unix:{socket}"
    return None


def _sound_effect(parent: QObject) -> QSoundEffect | None:
    """A looping QSoundEffect of the alarm file, or None when this kiosk cannot play it."""
    if sound_server() is None:
        log.warning("no sound server: the alarm beeps instead")
        return None
    quiet_multimedia()
    try:
        from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
    except ImportError:
        log.warning("Qt Multimedia is not available: the alarm beeps instead")
        return None
    if not QMediaDevices.audioOutputs():
        log.warning("no audio output: the alarm beeps instead")
        return None
    effect = QSoundEffect(parent)
    effect.setSource(QUrl.fromLocalFile(str(alarm_file())))
    effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
    effect.setVolume(1.0)
    return effect
