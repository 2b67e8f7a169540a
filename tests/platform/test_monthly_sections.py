"""The features' monthly report sections: found by convention, in order, keys unique; the
wait figures (median and slowest tenth) computed the way the report prints them."""

from __future__ import annotations

import pytest

from kiosk.core.feature import Feature
from kiosk.features import FEATURES
from kiosk.platform.monthly import minutes_text, monthly_sections


def test_the_features_sections_come_in_report_order() -> None:
    keys = [section.key for section in monthly_sections(FEATURES)]
    assert keys == ["requests", "wishes", "incidents", "medicine", "lending"]


def test_a_section_declared_twice_is_refused() -> None:
    lending = next(f for f in FEATURES if f.name == "lending")
    twin = Feature(name="lending", summary=lending.summary, depends=lending.depends)
    with pytest.raises(ValueError, match="lending"):
        monthly_sections([lending, twin])


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        ([], "—"),
        ([240], "4.0 / 4.0"),
        ([240, 600], "7.0 / 10.0"),
        ([60 * m for m in range(1, 11)], "5.5 / 9.0"),  # nearest rank: the 9th of 10
        ([60 * m for m in range(1, 12)], "6.0 / 10.0"),  # ceil(9.9) = the 10th of 11
    ],
)
def test_waits_are_said_as_median_and_slowest_tenth(seconds: list[int], said: str) -> None:
    assert minutes_text(seconds) == said
