"""Switching between 中文 and English: one QTranslator installed for Chinese, none for English.

Source strings are English (`self.tr(...)`); resources/i18n/kiosk_zh_CN.ts holds the Chinese.
Installing or removing the translator makes Qt send QEvent.LanguageChange to every widget, and
each page retranslates itself. The compiled .qm is built by `make translations`; when it is
missing (a fresh checkout) the .ts source is read directly so Chinese still shows.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator, Signal

from kiosk.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")


class TsTranslator(QTranslator):
    """A translator fed from a .ts file, used only when the compiled .qm is absent."""

    def __init__(self, ts_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        import xml.etree.ElementTree as ET  # only on a checkout without built translations

        self._table: dict[tuple[str, str], str] = {}
        root = ET.parse(ts_path).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                node = message.find("translation")
                if source is None or node is None:
                    continue
                if node.get("type") in {"unfinished", "obsolete", "vanished"}:
                    continue
                # Plural messages: Chinese has one form, the first <numerusform>.
                text = (
                    node.text if node.text and node.text.strip() else node.findtext("numerusform")
                )
                if text:
                    self._table[(name, source)] = text

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str:
        # None (a null QString), not "": PySide's tr() then tries the base classes' contexts,
        # as it does with a compiled .qm; "" counted as found and blanked inherited texts.
        return self._table.get((context, source_text))  # type: ignore[return-value]

    def isEmpty(self) -> bool:
        return not self._table


def load_chinese(parent: QObject) -> QTranslator | None:
    """The Chinese translator from the .qm (or the .ts when not built); None if neither loads."""
    qm = resource_path("i18n", "kiosk_zh_CN.qm")
    translator = QTranslator(parent)
    if qm.exists() and translator.load(str(qm)):
        return translator
    ts = resource_path("i18n", "kiosk_zh_CN.ts")
    if ts.exists():
        log.info("translations not built; reading %s", ts)
        return TsTranslator(ts, parent)
    log.error("no Chinese translation found under %s", qm.parent)
    return None


class LanguageSwitch(QObject):
    """Holds the current language ("zh" or "en") and installs the matching translator.

    Signals:
        changed(str): the new language code, after the translator was swapped.
    """

    changed = Signal(str)

    def __init__(self, language: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._language = "en"
        self._translator: QTranslator | None = None
        self.set_language(language)

    @property
    def language(self) -> str:
        return self._language

    def other(self) -> str:
        return "en" if self._language == "zh" else "zh"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        if language == self._language:
            return
        app = QCoreApplication.instance()
        # Set first: widgets retranslating on the LanguageChange read it.
        self._language = language
        swapped = False
        if language == "zh":
            if self._translator is None:
                self._translator = load_chinese(self)
            if self._translator is not None and app is not None:
                swapped = app.installTranslator(self._translator)
        elif self._translator is not None and app is not None:
            swapped = app.removeTranslator(self._translator)
        if not swapped and app is not None:
            # No translator to swap (e.g. none built): texts from data still change language.
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
        self.changed.emit(language)

    def toggle(self) -> None:
        self.set_language(self.other())
