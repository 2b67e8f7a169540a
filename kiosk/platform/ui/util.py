"""Small helpers shared by pages: re-applying the stylesheet after a property change, buttons."""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory, QSize, Qt
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.platform.ui import icons
from kiosk.platform.ui.theme import MIN_TARGET_PX


def repolish(widget: QWidget) -> None:
    """Make a dynamic-property change (e.g. `tone`) visible through the stylesheet."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def button(
    kind: str = "", icon_name: str = "", icon_color: str = "#9C3D1E", height: int = 88
) -> QPushButton:
    """A touch button: no keyboard focus (the kiosk has no keyboard), at least 72 px high."""
    result = QPushButton()
    result.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    result.setMinimumHeight(max(height, MIN_TARGET_PX))
    if kind:
        result.setProperty("kind", kind)
    if icon_name:
        result.setIcon(icons.icon(icon_name, 40, icon_color))
        result.setIconSize(QSize(40, 40))
    return result


# Qt Multimedia's start-up notes (the audio backends it did not find) are not the kiosk's
# warnings; the camera, the alarm and speech all load it.
_QUIET_MULTIMEDIA = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"


def quiet_multimedia() -> None:
    """Silence Qt Multimedia's notes about backends this machine lacks."""
    QLoggingCategory.setFilterRules(_QUIET_MULTIMEDIA)
