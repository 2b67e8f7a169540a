"""Station Kiosk (驿站自助终端): a local-first touch kiosk for stations and rest stations."""

__version__ = "0.1.0"
