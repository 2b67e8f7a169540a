"""Printing a `Receipt`: ESC/POS bytes made with python-escpos, sent to the printer in one write.

Chinese: python-escpos 3.1 has no GB18030 code page of its own; its `text()` sends a line as
GB18030 only when it holds a CJK ideograph, without switching the printer to Chinese mode, and
turns full-width punctuation on its own into "?". So text goes through `_raw` here: `FS &`
(Chinese character mode) once at the top, then every line encoded as GB18030. The library
still does what it does well: the native QR (`GS ( k`), sizes, alignment, the cut (`GS V`),
the status query, and the USB, network and file devices.

Call `print` off the GUI thread (the flow runs it on the task manager): a printer that is
missing, offline or out of paper raises `PrinterUnavailable` after a few seconds at most.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.core.errors import KioskError
from kiosk.features.printing.domain.printer import (
    FILE,
    NETWORK,
    USB,
    PrinterSettingError,
    PrinterTarget,
    parse_printer,
)
from kiosk.features.printing.domain.receipt import COLUMNS, Line, Qr, Receipt, Row, Rule, row_text

if TYPE_CHECKING:
    from escpos.escpos import Escpos

    from kiosk.platform.services import ServiceContext

log = logging.getLogger(__name__)

ENCODING = "gb18030"
CHINESE_MODE = b"\x1c\x26"  # FS &: two-byte (GB18030/GBK) characters from here on
CONNECT_TIMEOUT_S = 4.0  # a network printer that does not answer by then is unavailable
STATUS_TIMEOUT_S = 1.5  # a printer that ignores the status query is assumed ready
USB_TIMEOUT_MS = 5000
NO_PAPER = 0  # escpos `paper_status()`: 0 no paper, 1 near the end, 2 enough


class PrinterUnavailable(KioskError):
    """The printer cannot print now (missing, offline, out of paper): the screen says to take
    a photo instead, and the flow goes on."""

    def __init__(self) -> None:
        super().__init__("打印机不可用，请拍照", "Printer unavailable, please take a photo")


class NoPrinter(KioskError):
    def __init__(self) -> None:
        super().__init__("本终端未设置打印机", "No printer is set for this kiosk")


@dataclass(frozen=True)
class Printed:
    """A receipt that reached the printer."""

    name: str
    target: str
    size: int  # bytes sent


def _escpos(cache: Path | None = None) -> Any:
    """The printer classes, imported on first print (not before the first paint).

    python-escpos caches its printer profiles in a pickle, in a fresh temporary folder per
    process unless told where (at its import): `cache`, the kiosk's own folder, when given."""
    if "escpos" not in sys.modules and cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            os.environ.setdefault("ESCPOS_CAPABILITIES_PICKLE_DIR", str(cache))
        except OSError:
            log.warning("no cache folder for the printer profiles at %s", cache)
    from escpos import printer

    return printer


def _text(p: Escpos, line: Line) -> None:
    p.set(
        align="center" if line.center else "left",
        bold=line.bold,
        custom_size=True,
        width=line.size,
        height=line.size,
    )
    p._raw(line.text.encode(ENCODING, "replace") + b"\n")
    if line.size != 1 or line.bold:
        p.set(custom_size=True, width=1, height=1, bold=False)


class PrintingService:
    """Turns receipts into ESC/POS bytes and sends them to the kiosk's printer."""

    def __init__(self, context: ServiceContext) -> None:
        self._clock = context.clock
        self._tz = context.timezone
        self._cache: Path = context.settings.data_dir / "cache"

    def render(self, receipt: Receipt, station: tuple[str, str]) -> bytes:
        """The bytes of `receipt` under the station's name, with the time it is printed and a
        cut."""
        p = _escpos(self._cache).Dummy()
        p.hw("INIT")  # ESC @: forget what a half-printed slip left set
        p._raw(CHINESE_MODE)
        zh, en = station
        _text(p, Line(zh, 1, True, True))
        _text(p, Line(en, 1, False, True))
        _text(p, Line("-" * COLUMNS))
        for block in receipt.blocks:
            if isinstance(block, Line):
                _text(p, block)
            elif isinstance(block, Row):
                _text(p, Line(row_text(block)))
            elif isinstance(block, Qr):
                p.set(align="center")
                p.qr(block.data, size=block.size, native=True, ec=1)  # M: a creased slip reads
                p.ln()
                p.set(align="left")
            elif isinstance(block, Rule):
                _text(p, Line("-" * COLUMNS))
        moment = self._clock.now().astimezone(self._tz)
        _text(p, Line("-" * COLUMNS))
        _text(p, Line(row_text(Row("打印时间 Printed", f"{moment:%Y-%m-%d %H:%M}"))))
        p.cut()
        return bytes(p.output)

    def print(self, receipt: Receipt, printer: str, station: tuple[str, str]) -> Printed:
        """Print `receipt` on the printer the setting `printer` names (see `parse_printer`).
        Raises `NoPrinter` when none is set, `PrinterUnavailable` when it cannot print now."""
        try:
            target = parse_printer(printer)
        except PrinterSettingError as exc:
            raise KioskError(exc.zh, exc.en) from None
        if target is None:
            raise NoPrinter()
        data = self.render(receipt, station)
        device = None
        try:
            device = self._open(target)
            if target.kind != FILE and _paper_status(device) == NO_PAPER:
                log.warning("printer %s is out of paper", target)
                raise PrinterUnavailable()
            device._raw(data)
            if target.kind == FILE:
                device.flush()
        except PrinterUnavailable:
            raise
        except Exception as exc:  # the library raises its own, OSError, USB errors …
            log.warning("printer %s unavailable: %s", target, exc)
            raise PrinterUnavailable() from None
        finally:
            if device is not None:
                try:
                    device.close()
                except Exception:  # closing a dead device: nothing left to do
                    log.debug("closing printer %s failed", target, exc_info=True)
        log.info("printed %s on %s (%d bytes)", receipt.name, target, len(data))
        return Printed(receipt.name, str(target), len(data))

    @staticmethod
    def _open(target: PrinterTarget) -> Escpos:
        printer = _escpos()
        device: Escpos
        if target.kind == NETWORK:
            device = printer.Network(target.host, target.port, timeout=CONNECT_TIMEOUT_S)
            # Connected here rather than by `Network.open()`, which leaves the socket of a
            # refused connection open (a leak on every try at a switched-off printer).
            device.device = socket.create_connection(
                (target.host, target.port), timeout=CONNECT_TIMEOUT_S
            )
            return device
        if target.kind == USB:
            device = printer.Usb(target.vendor, target.product, timeout=USB_TIMEOUT_MS)
        else:
            device = printer.File(target.path, auto_flush=False)
        device.open()
        return device


def _paper_status(device: Escpos) -> int:
    """The printer's answer to the paper-sensor query (`DLE EOT 4`); a printer that does not
    answer in time counts as having paper (many cheap ones never answer)."""
    sock = getattr(device, "device", None)
    if isinstance(sock, socket.socket):
        sock.settimeout(STATUS_TIMEOUT_S)
    try:
        status = int(device.paper_status())
    except Exception:
        return 2
    finally:
        if isinstance(sock, socket.socket):
            sock.settimeout(CONNECT_TIMEOUT_S)
    return status


SERVICES = (PrintingService,)
