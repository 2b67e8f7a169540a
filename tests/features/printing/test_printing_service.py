"""The printer setting, and the bytes a receipt becomes on a file, a network printer on loopback
and a USB printer that is not there: GB18030 text, the QR command, the cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.errors import KioskError
from kiosk.features.printing.domain.printer import PrinterSettingError, parse_printer
from kiosk.features.printing.domain.receipt import (
    Line,
    Receipt,
    Row,
    charging_pickup,
    row_text,
    ticket_slip,
)
from kiosk.features.printing.service import NoPrinter, PrinterUnavailable, PrintingService
from kiosk.settings import Settings, SettingsError
from kiosk.shell.context import KioskServices
from tests.features.printing.fake_printer import FakeNetworkPrinter, closed_port

STATION = ("暖心驿站（示范站）", "Warm Heart Station (demo)")
INIT = b"\x1b@"
CHINESE_MODE = b"\x1c&"
QR_STORE = b"\x1d(k"  # GS ( k
CUT = b"\x1dV"  # GS V


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def qr_data(data: str) -> bytes:
    """The `GS ( k` store command (cn 49, fn 80) holding `data`."""
    n = len(data.encode()) + 3
    return QR_STORE + bytes([n % 256, n // 256]) + b"1P0" + data.encode()


def pickup() -> Receipt:
    return charging_pickup("482913", "SKC1.0193abcd.482913", "3 号充电柜", "Locker 3")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("usb:0416:5011", "usb:0416:5011"),
        ("USB:0x0416:0x5011", "usb:0416:5011"),
        ("net:192.168.1.50", "net:192.168.1.50:9100"),
        ("net:printer.local:9101", "net:printer.local:9101"),
        ("file:/dev/usb/lp0", "file:/dev/usb/lp0"),
    ],
)
def test_printer_settings_that_fit(text: str, shown: str) -> None:
    target = parse_printer(text)
    assert target is not None and str(target) == shown


@pytest.mark.parametrize("text", ["", "none", "  "])
def test_no_printer(text: str) -> None:
    assert parse_printer(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "printer",
        "usb:0416",
        "usb:zz:11",
        "usb:0:0",
        "net:",
        "net:host:0",
        "net:a b:9100",
        "file:",
        "net:host:99999",
        "file:/tmp/\x00x",
    ],
)
def test_printer_settings_refused_with_a_message(text: str) -> None:
    with pytest.raises(PrinterSettingError) as caught:
        parse_printer(text)
    assert "usb:" in caught.value.zh and "net:HOST:PORT" in caught.value.en
    with pytest.raises(SettingsError, match="printer"):
        Settings(printer=text)


def test_rows_put_the_value_at_the_right_edge_counting_chinese_as_two_columns() -> None:
    line = row_text(Row("充电位 Slot", "3 号"))
    assert line.startswith("充电位 Slot") and line.endswith("3 号")
    assert sum(2 if ord(ch) > 0x2E80 else 1 for ch in line) == 32


def test_a_receipt_refuses_an_oversized_line() -> None:
    with pytest.raises(ValueError, match="400"):
        Receipt("x", (Line("字" * 401),))


def test_the_pickup_slip_in_bytes(services: KioskServices) -> None:
    data = services.get(PrintingService).render(pickup(), STATION)
    assert data.startswith(INIT + CHINESE_MODE)  # reset, then Chinese (two-byte) mode
    for text in (
        "暖心驿站（示范站）",
        "手机充电取件码",
        "482 913",
        "3 号充电柜",
        "凭此条即可取走手机，请妥善保管。",
    ):
        assert gb(text) in data, text
    assert b"Phone charging pickup code" in data
    assert qr_data("SKC1.0193abcd.482913") in data
    assert gb("2026-11-02 08:30") in data  # printed at, station time
    assert data.endswith(b"\x1bd\x06" + CUT + b"\x00")  # feed six lines, then the full cut
    assert data.index(qr_data("SKC1.0193abcd.482913")) < data.index(CUT)
    assert "手机".encode() not in data  # no UTF-8 leaks to the printer


def test_printed_to_a_file_device(services: KioskServices, tmp_path: Path) -> None:
    out = tmp_path / "lp0"
    printed = services.get(PrintingService).print(pickup(), f"file:{out}", STATION)
    data = out.read_bytes()
    assert printed.size == len(data) and printed.name == "charging_pickup"
    assert gb("手机充电取件码") in data and qr_data("SKC1.0193abcd.482913") in data
    assert CUT in data


def test_printed_to_a_network_printer(services: KioskServices) -> None:
    slip = ticket_slip("wish", "735102", "https://hub.example.cn/t/735102", "138****0000")
    with FakeNetworkPrinter() as printer:
        services.get(PrintingService).print(slip, printer.setting, STATION)
    data = bytes(printer.received)
    assert gb("诉求 / 微心愿") in data and gb("735 102") in data
    assert qr_data("https://hub.example.cn/t/735102") in data
    assert gb("电话 Phone") in data and b"138****0000" in data
    assert CUT in data


def test_a_printer_out_of_paper_prints_nothing(services: KioskServices) -> None:
    with FakeNetworkPrinter(paper=False) as printer, pytest.raises(PrinterUnavailable) as caught:
        services.get(PrintingService).print(pickup(), printer.setting, STATION)
    assert printer.received == b""
    assert caught.value.zh == "打印机不可用，请拍照"
    assert caught.value.en == "Printer unavailable, please take a photo"


@pytest.mark.parametrize(
    "setting", ["net:127.0.0.1:{port}", "usb:0fff:0fff", "file:/nonexistent/lp0"]
)
def test_a_missing_printer_is_unavailable(services: KioskServices, setting: str) -> None:
    with pytest.raises(PrinterUnavailable):
        services.get(PrintingService).print(pickup(), setting.format(port=closed_port()), STATION)


def test_no_printer_set(services: KioskServices) -> None:
    with pytest.raises(NoPrinter):
        services.get(PrintingService).print(pickup(), "", STATION)
    with pytest.raises(KioskError, match="net:HOST:PORT"):
        services.get(PrintingService).print(pickup(), "bogus", STATION)
