"""The printing flow: prints a receipt on the task manager (never on the GUI thread) and tells
the page's print bar how it went. Other flows reach it by name, `navigator.flow("printing")`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from kiosk.features.printing.domain.printer import parse_printer
from kiosk.features.printing.domain.receipt import Receipt, sample_receipt
from kiosk.features.printing.service import Printed, PrintingService
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.printing.ui.bar import PrintBar
    from kiosk.platform.ui.navigator import Navigator

log = logging.getLogger(__name__)
T = TypeVar("T")


class PrintSettings(Protocol):
    printer: str
    station_name_zh: str
    station_name_en: str


class PrintingServices(Protocol):
    """What the printing flow needs of the kiosk's services: the settings in force (the
    admin may change the printer at any time) and the features' services."""

    settings: PrintSettings

    def get(self, kind: type[T]) -> T: ...


class PrintingFlow(Flow):
    """Prints receipts in the background for any flow."""

    def __init__(self, navigator: Navigator, services: PrintingServices) -> None:
        super().__init__(navigator)
        self._services = services

    def available(self) -> bool:
        """Whether this kiosk has a printer set (pages offer "Print" only then)."""
        try:
            return parse_printer(self._services.settings.printer) is not None
        except ValueError:
            return False

    def print_receipt(
        self,
        receipt: Receipt,
        on_done: Callable[[Printed], None],
        on_failed: Callable[[str, str], None],
    ) -> None:
        """Print `receipt` on the network workers; `on_done` or `on_failed(zh, en)` come back
        on the GUI thread. The screen never waits for the printer."""
        settings = self._services.settings
        service = self._services.get(PrintingService)
        printer = settings.printer
        station = (settings.station_name_zh, settings.station_name_en)
        self._nav.tasks.run(
            lambda: service.print(receipt, printer, station), on_done, on_failed, network=True
        )

    def print_on(self, bar: PrintBar, receipt: Receipt) -> None:
        """Print `receipt` for a page's print bar: "Printing…", then "Printed" or "Printer
        unavailable, please take a photo" on that bar."""
        bar.printing()
        generation = bar.generation

        def done(_printed: Printed) -> None:
            if bar.generation == generation:
                bar.printed()

        def failed(zh: str, en: str) -> None:
            if bar.generation == generation:
                bar.failed(zh, en)

        self.print_receipt(receipt, done, failed)

    def test_print(
        self, on_done: Callable[[Printed], None], on_failed: Callable[[str, str], None]
    ) -> None:
        """The admin's "Test print": Chinese text, a QR code and a cut."""
        self.print_receipt(sample_receipt(self._services.settings.printer), on_done, on_failed)
