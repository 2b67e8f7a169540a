"""Line icons from resources/icons, tinted and rasterised at the size a screen asks for.

The SVGs draw with `currentColor`; the colour is substituted here and the image decoded by
Qt's SVG image plugin, so no Python import of QtSvg is paid at start-up.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QGuiApplication, QIcon, QPixmap

from kiosk.resources import resource_path


@cache
def _svg_text(name: str) -> str:
    path = resource_path("icons", f"{name}.svg")
    if not path.exists():
        path = resource_path("icons", "info.svg")
    return path.read_text(encoding="utf-8")


@cache
def pixmap(name: str, size: int, color: str) -> QPixmap:
    """The icon `name` as a `size`×`size` (logical px) pixmap drawn in `color`."""
    ratio = (
        QGuiApplication.primaryScreen().devicePixelRatio()
        if QGuiApplication.primaryScreen()
        else 1.0
    )
    device = max(1, round(size * ratio))
    svg = _svg_text(name).replace("currentColor", color)
    svg = svg.replace('width="48" height="48"', f'width="{device}" height="{device}"', 1)
    svg = svg.replace('width="64" height="64"', f'width="{device}" height="{device}"', 1)
    result = QPixmap()
    result.loadFromData(svg.encode("utf-8"), "SVG")
    result.setDevicePixelRatio(ratio)
    return result


def icon(name: str, size: int, color: str) -> QIcon:
    return QIcon(pixmap(name, size, color))
