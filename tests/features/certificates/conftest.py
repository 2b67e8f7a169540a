"""The seeded kiosk of the reports' tests (certificates are issued from the same admin screen)."""

from tests.features.reports.conftest import seeded  # noqa: F401
