"""The volunteers feature's pure rules; its event kinds are in `events`."""

from kiosk.features.volunteers.domain.events import KINDS

__all__ = ["KINDS"]
