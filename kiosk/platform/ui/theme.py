"""The kiosk's look in one place: colours and sizes for normal and large type, filled into a QSS.

The touch rules (DESIGN §4) are numbers here, so tests can check them: text ≥ 20 px (28 px in
large type), targets ≥ 72 px, and every text colour on its background ≥ 4.5:1 contrast.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from string import Template

from kiosk.resources import resource_path

MIN_TARGET_PX = 72
MIN_TEXT_PX = 20
MIN_TEXT_LARGE_PX = 28
MIN_CONTRAST = 4.5


@dataclass(frozen=True)
class Palette:
    """Warm and calm; every pair listed in CONTRAST_PAIRS is checked by a test."""

    bg: str
    surface: str
    pressed_surface: str
    line: str
    text: str
    muted: str
    primary: str
    primary_pressed: str
    on_primary: str
    on_primary_border: str
    strip: str
    on_strip: str
    success: str
    info: str
    warn: str
    error: str
    icon: str


@dataclass(frozen=True)
class Sizes:
    """Pixel sizes; the smallest text is `small`."""

    body: int
    small: int
    lead: int
    lead_small: int
    title: int
    headline: int
    topbar: int
    bar_button: int
    button: int
    tile: int
    checkin: int
    key: int
    display: int
    border: int
    tile_border: int
    icon: int
    tile_icon: int
    target: int


NORMAL = Palette(
    bg="#FAF4EA",
    surface="#FFFFFF",
    pressed_surface="#F6E3D3",
    line="#E2D2BD",
    text="#2A1F16",
    muted="#5C4A3A",
    primary="#9C3D1E",
    primary_pressed="#7A2E15",
    on_primary="#FFFFFF",
    on_primary_border="#F3C9B4",
    strip="#3A2A1F",
    on_strip="#FFF3E3",
    success="#1D6B38",
    info="#1F5A88",
    warn="#8A4B00",
    error="#A3261B",
    icon="#9C3D1E",
)

LARGE = Palette(
    bg="#FFFFFF",
    surface="#FFFFFF",
    pressed_surface="#FFE7D6",
    line="#1A1A1A",
    text="#000000",
    muted="#262626",
    primary="#7A220A",
    primary_pressed="#5A1605",
    on_primary="#FFFFFF",
    on_primary_border="#FFFFFF",
    strip="#000000",
    on_strip="#FFFFFF",
    success="#0B5A26",
    info="#0B3F70",
    warn="#6A3700",
    error="#8A1409",
    icon="#7A220A",
)

NORMAL_SIZES = Sizes(
    body=22,
    small=20,
    lead=28,
    lead_small=24,
    title=44,
    headline=56,
    topbar=30,
    bar_button=22,
    button=24,
    tile=24,
    checkin=34,
    key=40,
    display=44,
    border=2,
    tile_border=2,
    icon=36,
    tile_icon=76,
    target=MIN_TARGET_PX,
)

LARGE_SIZES = Sizes(
    body=30,
    small=28,
    lead=34,
    lead_small=30,
    title=52,
    headline=66,
    topbar=34,
    bar_button=28,
    button=30,
    tile=30,
    checkin=40,
    key=48,
    display=52,
    border=3,
    tile_border=3,
    icon=40,
    tile_icon=64,
    target=84,
)

# (foreground, background) pairs the stylesheet actually uses for text.
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"),
    ("text", "surface"),
    ("text", "pressed_surface"),
    ("muted", "bg"),
    ("muted", "surface"),
    ("primary", "surface"),
    ("primary", "bg"),
    ("primary", "pressed_surface"),
    ("on_primary", "primary"),
    ("on_primary", "primary_pressed"),
    ("on_primary", "error"),
    ("on_strip", "strip"),
    ("success", "surface"),
    ("info", "surface"),
    ("warn", "surface"),
    ("error", "surface"),
    ("success", "bg"),
    ("error", "bg"),
    ("warn", "bg"),
    ("info", "bg"),
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)


def relative_luminance(color: str) -> float:
    """WCAG 2 relative luminance of a #RRGGBB colour."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, 1.0 to 21.0."""
    a, b = relative_luminance(foreground), relative_luminance(background)
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


class Theme:
    """Normal or large type; hands out the stylesheet, sizes and icon colour of the mode."""

    def __init__(self, large_type: bool = False) -> None:
        self._template = Template(resource_path("themes", "kiosk.qss").read_text(encoding="utf-8"))
        self.large_type = large_type

    @property
    def palette(self) -> Palette:
        return LARGE if self.large_type else NORMAL

    @property
    def sizes(self) -> Sizes:
        return LARGE_SIZES if self.large_type else NORMAL_SIZES

    @property
    def min_text_px(self) -> int:
        return MIN_TEXT_LARGE_PX if self.large_type else MIN_TEXT_PX

    def stylesheet(self) -> str:
        values: dict[str, object] = {**asdict(self.palette), **asdict(self.sizes)}
        return self._template.substitute(values)
