"""Making the QApplication and the first window: Chinese-capable font, stylesheet, translator."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.features.catalogue.service.catalogue import load_catalogue
from kiosk.platform import ime
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.navigator import FeatureUI
from kiosk.platform.ui.theme import Theme
from kiosk.settings import Settings
from kiosk.shell.main_window import MainWindow

log = logging.getLogger(__name__)

CJK_FAMILY = "WenQuanYi Micro Hei"


def chinese_font_family() -> str | None:
    """A font family able to render Simplified Chinese, WenQuanYi Micro Hei if installed.

    Without one Chinese renders as empty boxes and Qt says nothing, hence the explicit check.
    """
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if CJK_FAMILY in families:
        return CJK_FAMILY
    return families[0] if families else None


def make_application() -> QApplication:
    """The QApplication (made once) with a Chinese-capable default font."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("station-kiosk")
    family = chinese_font_family()
    if family is None:
        log.error("no Simplified Chinese font installed: Chinese will show as boxes")
    elif app.font().family() != family:
        font = QFont(family)
        font.setPixelSize(22)
        app.setFont(font)
    return app


def build_window(
    settings: Settings,
    now: Callable[[], datetime],
    has_camera: Callable[[], bool] | None = None,
) -> MainWindow:
    """The window with the home page only; `MainWindow.attach_services` completes it."""
    app = make_application()
    ime.configure(settings.data_dir / "ime")  # where the keyboard's engines build; loads nothing
    theme = Theme(settings.large_type)
    sheet = theme.stylesheet()
    if app.styleSheet() != sheet:  # re-polishing every widget is slow; only when it changed
        app.setStyleSheet(sheet)
    language = LanguageSwitch(settings.language)
    catalogue = load_catalogue()
    if has_camera is None:
        return MainWindow(settings, catalogue, language, theme, now, uis=feature_uis)
    return MainWindow(settings, catalogue, language, theme, now, has_camera, feature_uis)


def feature_uis() -> dict[str, FeatureUI]:
    """Each feature's `KIOSK_UI` (`kiosk.features.<name>.ui`), in registry order."""
    from kiosk.features import FEATURES
    from kiosk.platform.parts import part

    found = {feature.name: part(feature, "ui", "KIOSK_UI") for feature in FEATURES}
    return {name: ui for name, ui in found.items() if ui is not None}
