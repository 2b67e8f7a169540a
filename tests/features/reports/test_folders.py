"""The export folder: what the picker offers, what is remembered, what is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.errors import ValidationError
from kiosk.features.reports.service.folders import ExportFolders
from kiosk.shell.context import KioskServices


def test_offers_mounted_sticks_and_remembers_the_choice(
    services: KioskServices, tmp_path: Path
) -> None:
    media = tmp_path / "media"
    stick = media / "admin" / "USB"  # udisks: /media/USER/LABEL
    plain = media / "usb0"  # usbmount: /media/usb0
    not_mounted = media / "empty"
    for folder in (stick, plain, not_mounted):
        folder.mkdir(parents=True)
    default = services.settings.data_dir / "exports"

    def folders() -> ExportFolders:
        return ExportFolders(
            services.database, default, roots=[media], mounted=lambda p: p in (stick, plain)
        )

    offered = folders().choices()
    assert [c.path for c in offered] == [default, stick, plain]
    assert [c.removable for c in offered] == [False, True, True]
    assert folders().current() == default

    folders().choose(stick)
    assert folders().current() == stick  # a new instance (a restart) reads it back

    with pytest.raises(ValidationError):
        folders().choose(not_mounted)  # not a mounted stick: refused, choice unchanged
    with pytest.raises(ValidationError):
        folders().choose(Path("/etc"))
    assert folders().current() == stick

    folders().choose(default)
    assert folders().current() == default
