"""Spoken guidance (语音播报): the kiosk reads a page's title and the chosen item aloud, and a
pickup code or ticket number digit by digit (docs/speech.md).

Qt's text-to-speech (QtTextToSpeech; on Debian its `speechd` engine, speech-dispatcher with
espeak-ng) lives on a thread of its own: opening the engine connects to speech-dispatcher and
lists ~1,500 voices (about 2 s), and a wedged speech server must never hold a tap. The GUI thread
only sends texts through a queued signal. No engine, or one that fails to open: `available`
stays False, the Read aloud button stays hidden and nothing else changes.
"""

from __future__ import annotations

import logging
import re
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.platform.ui.util import quiet_multimedia

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice

log = logging.getLogger(__name__)

SPOKEN_ROLES = ("title", "headline", "section", "lead")
MAX_LABELS = 6  # a page's first few headings and leads: guidance, not the whole screen
_ZH_DIGITS = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_EN_DIGITS = dict(
    zip(
        "0123456789",
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
        strict=True,
    )
)
# A code, ticket or phone number: four or more digits, maybe grouped by spaces ("482 193").
_CODE = re.compile(r"\d(?:[ \u00a0]?\d){3,}")
_TAGS = re.compile(r"<[^>]+>")


def spell(code: str, language: str) -> str:
    """Each digit (and letter) of `code` as its own word, as a clerk reads a ticket number."""
    words = _ZH_DIGITS if language == "zh" else _EN_DIGITS
    return " ".join(words.get(char, char) for char in code if not char.isspace())


def speakable(text: str, language: str) -> str:
    """`text` as it should be heard: no markup, and every code read digit by digit."""
    plain = " ".join(_TAGS.sub(" ", text).split())
    return _CODE.sub(lambda match: spell(match.group(0), language), plain)


def page_text(page: QWidget, language: str) -> str:
    """What Read aloud says for `page`: its own `spoken_text()` if it has one, else its visible
    headings and leads in order (labels with a `role` of title, headline, section or lead)."""
    own = getattr(page, "spoken_text", None)
    if callable(own) and (said := str(own())):
        return speakable(said, language)
    texts: list[str] = []
    for label in page.findChildren(QLabel):
        if len(texts) >= MAX_LABELS:
            break
        role = label.property("role")
        code = label.property("speak") == "code"
        if (role in SPOKEN_ROLES or code) and label.isVisibleTo(page) and label.text().strip():
            text = label.text()
            texts.append(spell(text, language) if code else text)
    return speakable("。".join(texts) if language == "zh" else ". ".join(texts), language)


class _Engine(QObject):
    """The QTextToSpeech engine and its voices; every method runs on the speech thread."""

    ready = Signal(bool)
    speaking = Signal(str)  # the engine is about to say this text (it took it)

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self._tts: QTextToSpeech | None = None
        self._voices: dict[str, QVoice] = {}
        self._language = ""
        # Texts enqueued and not yet begun, in order (the engine may announce the first one
        # before `enqueue` has returned its id).
        self._pending: deque[str] = deque()

    @Slot()
    def open(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        try:
            if self._name not in QTextToSpeech.availableEngines():
                log.info("speech: no %r text-to-speech engine; Read aloud is hidden", self._name)
                self.ready.emit(False)
                return
            tts = QTextToSpeech(self._name, self)
            if tts.state() == QTextToSpeech.State.Error:
                log.warning("speech: %s did not open: %s", self._name, tts.errorString())
                self.ready.emit(False)
                return
            self._voices = _pick_voices(tts)
            tts.aboutToSynthesize.connect(self._on_about_to_synthesize)
            self._tts = tts
            log.info("speech: %s ready, voices %s", self._name, sorted(self._voices))
            self.ready.emit(bool(self._voices))
        except Exception:  # an engine's fault must not reach the kiosk
            log.exception("speech: the engine failed to open")
            self.ready.emit(False)

    @Slot(str, str, bool)
    def say(self, text: str, language: str, interrupt: bool) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        tts = self._tts
        if tts is None or not self._voices:
            return
        voice = self._voices.get(language) or next(iter(self._voices.values()))
        if interrupt:
            tts.stop(QTextToSpeech.BoundaryHint.Immediate)
            self._pending.clear()
        if language != self._language:
            tts.setVoice(voice)
            self._language = language
        self._pending.append(text)
        if tts.enqueue(text) < 0:
            self._pending.pop()

    @Slot(int)
    def _on_about_to_synthesize(self, _id: int) -> None:
        if self._pending:
            self.speaking.emit(self._pending.popleft())

    @Slot()
    def close(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self._tts is not None:
            self._tts.stop(QTextToSpeech.BoundaryHint.Immediate)
            self._tts.deleteLater()
        self._tts = None


def _pick_voices(tts: QTextToSpeech) -> dict[str, QVoice]:
    """A Mandarin and an English voice. espeak-ng's Mandarin (`cmn`) has no QLocale, so speechd
    lists it under the C locale: found by its name when no zh_CN locale is offered."""
    from PySide6.QtCore import QLocale

    voices: dict[str, QVoice] = {}
    offered = {locale.name() for locale in tts.availableLocales()}
    for language, names in (("zh", ("zh_CN", "zh_TW")), ("en", ("en_US", "en_GB"))):
        for name in names:
            if name in offered:
                tts.setLocale(QLocale(name))
                if tts.availableVoices():
                    voices[language] = tts.availableVoices()[0]
                    break
    if "zh" not in voices and "C" in offered:
        tts.setLocale(QLocale.c())
        mandarin = [v for v in tts.availableVoices() if "Mandarin" in v.name()]
        if mandarin:
            voices["zh"] = mandarin[0]
    return voices


class Speaker(QObject):
    """The GUI thread's side: `say()` never waits for the engine.

    Signals:
        availability_changed(bool): the engine opened (True) or cannot be used (False).
        speaking(str): the engine is about to say this text.
    """

    availability_changed = Signal(bool)
    speaking = Signal(str)
    _say = Signal(str, str, bool)
    _close = Signal()

    def __init__(self, engine: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = False
        self._thread = QThread()
        self._thread.setObjectName("speech")
        self._engine = _Engine(engine)
        self._engine.moveToThread(self._thread)
        self._thread.started.connect(self._engine.open)
        self._engine.ready.connect(self._on_ready)
        self._engine.speaking.connect(self.speaking)
        self._say.connect(self._engine.say)
        self._close.connect(self._engine.close)
        self._thread.finished.connect(self._engine.deleteLater)

    def start(self) -> None:
        quiet_multimedia()  # QtTextToSpeech loads Qt Multimedia
        self._thread.start(QThread.Priority.LowPriority)

    def say(self, text: str, language: str, interrupt: bool = True) -> None:
        """Say `text` (already speakable) in `language`; `interrupt` stops what is being said."""
        if self.available and text.strip():
            self._say.emit(text, language, interrupt)

    def shutdown(self) -> None:
        """Stop speaking and end the thread; a speech server that does not answer is left
        behind rather than holding the kiosk's exit."""
        self.available = False
        if not self._thread.isRunning():
            return
        self._close.emit()
        self._thread.quit()
        if not self._thread.wait(1500):
            log.warning("speech: the engine did not stop; ending its thread")
            self._thread.terminate()
            self._thread.wait(500)

    @Slot(bool)
    def _on_ready(self, ok: bool) -> None:
        self.available = ok
        self.availability_changed.emit(ok)


def button_words(button: QAbstractButton) -> str:
    """What a tapped button says: its text, its accessible name, or the labels it holds (a
    home tile is an icon over a name label)."""
    if text := button.text().strip():
        return text
    if name := button.accessibleName().strip():
        return name
    labels = button.findChildren(QLabel)
    return " ".join(t for label in labels if label.isVisibleTo(button) and (t := label.text()))


class ChosenItemReader(QObject):
    """An application event filter: in large type, the item a person taps is said at once
    (the page it opens is said after it, queued)."""

    def __init__(
        self,
        speaker: Speaker,
        active: Callable[[], bool],
        language: Callable[[], str],
        skip: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._active = active
        self._language = language
        self._skip = skip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QAbstractButton)
            and watched is not self._skip
            and watched.isEnabled()
            and self._active()
        ):
            language = self._language()
            self._speaker.say(speakable(button_words(watched), language), language)
        return False
