"""The volunteers feature's pure rules; its event kinds are in `events`, the checks a kiosk runs
on the configuration the hub publishes for it in `checks`."""

from kiosk.features.volunteers.domain.checks import CONFIG_CHECKS
from kiosk.features.volunteers.domain.events import KINDS

__all__ = ["CONFIG_CHECKS", "KINDS"]
