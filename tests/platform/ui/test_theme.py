"""Touch rules in numbers: contrast of every text colour pair, text and target sizes, CJK font."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.platform.ui.theme import (
    CONTRAST_PAIRS,
    LARGE,
    LARGE_SIZES,
    MIN_CONTRAST,
    MIN_TARGET_PX,
    MIN_TEXT_LARGE_PX,
    MIN_TEXT_PX,
    NORMAL,
    NORMAL_SIZES,
    Palette,
    Theme,
    contrast_ratio,
)
from kiosk.shell.bootstrap import chinese_font_family, make_application


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("palette", [NORMAL, LARGE], ids=["normal", "large"])
def test_every_text_colour_pair_has_enough_contrast(palette: Palette) -> None:
    low = {
        (fg, bg): round(contrast_ratio(getattr(palette, fg), getattr(palette, bg)), 2)
        for fg, bg in CONTRAST_PAIRS
        if contrast_ratio(getattr(palette, fg), getattr(palette, bg)) < MIN_CONTRAST
    }
    assert not low


def test_large_type_is_higher_contrast_than_normal() -> None:
    assert contrast_ratio(LARGE.text, LARGE.bg) > contrast_ratio(NORMAL.text, NORMAL.bg)
    assert contrast_ratio(LARGE.muted, LARGE.bg) > contrast_ratio(NORMAL.muted, NORMAL.bg)


def test_sizes_follow_the_touch_rules() -> None:
    for sizes, minimum in ((NORMAL_SIZES, MIN_TEXT_PX), (LARGE_SIZES, MIN_TEXT_LARGE_PX)):
        texts = [sizes.body, sizes.small, sizes.lead, sizes.lead_small, sizes.button, sizes.tile]
        assert min(texts) >= minimum
        assert sizes.target >= MIN_TARGET_PX


def test_stylesheet_is_fully_filled() -> None:
    for large in (False, True):
        sheet = Theme(large).stylesheet()
        assert "$" not in sheet and "font-size" in sheet


def test_a_simplified_chinese_font_is_installed(qapp: QApplication) -> None:
    family = chinese_font_family()
    assert family is not None, "no CJK font: Chinese would render as empty boxes"
    systems = QFontDatabase.writingSystems(family)
    assert QFontDatabase.WritingSystem.SimplifiedChinese in systems
    assert make_application().font().family() == family
