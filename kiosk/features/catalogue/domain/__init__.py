"""The catalogue feature's pure rules; its event kinds are in `events`."""

from kiosk.features.catalogue.domain.events import KINDS

__all__ = ["KINDS"]
