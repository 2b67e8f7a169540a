"""Where the printer is: `PrinterTarget`, parsed from the `printer` setting (read with the
settings before the first paint, so this module stays tiny). Pure: no Qt, no printer library."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

DEFAULT_PORT = 9100  # the raw printing port of network receipt printers


PrinterKind = Literal["usb", "net", "file"]  # plain strings: no enum class before the first paint
USB: PrinterKind = "usb"
NETWORK: PrinterKind = "net"
FILE: PrinterKind = "file"


@dataclass(frozen=True)
class PrinterTarget:
    """Where tickets go: a USB printer by vendor:product, a network printer by host:port, or a
    file (a device node such as /dev/usb/lp0, or a plain file in tests)."""

    kind: PrinterKind
    host: str = ""
    port: int = DEFAULT_PORT
    vendor: int = 0
    product: int = 0
    path: str = ""

    def __str__(self) -> str:
        if self.kind == USB:
            return f"usb:{self.vendor:04x}:{self.product:04x}"
        if self.kind == NETWORK:
            return f"net:{self.host}:{self.port}"
        return f"file:{self.path}"


class PrinterSettingError(ValueError):
    """A `printer` setting the kiosk cannot use; `zh` and `en` say what fits."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


_HELP_ZH = "打印机设置格式：留空（无打印机）、usb:厂商号:产品号、net:地址:端口 或 file:路径"
_HELP_EN = "Printer: empty (none), usb:VENDOR:PRODUCT, net:HOST:PORT or file:PATH"


def _hex16(text: str) -> int:
    value = int(text.lower().removeprefix("0x"), 16)
    if not 0 < value <= 0xFFFF:
        raise ValueError(text)
    return value


def parse_printer(text: str | None) -> PrinterTarget | None:
    """The printer named by the setting (`None`: no printer). Accepted forms: "" or "none";
    "usb:0416:5011" (hex ids, "0x" allowed); "net:192.168.1.50" or "net:host:9100";
    "file:/dev/usb/lp0". Anything else raises `PrinterSettingError`."""
    raw = (text or "").strip()
    if raw.lower() in ("", "none", "off"):
        return None
    if len(raw) > 300 or any(unicodedata.category(ch).startswith("C") for ch in raw):
        raise PrinterSettingError(_HELP_ZH, _HELP_EN)
    kind, _, rest = raw.partition(":")
    kind = kind.lower()
    try:
        if kind == "usb":
            vendor, _, product = rest.partition(":")
            return PrinterTarget(USB, vendor=_hex16(vendor), product=_hex16(product))
        if kind in ("net", "tcp"):
            host, _, port = rest.rpartition(":") if rest.count(":") == 1 else (rest, "", "")
            number = int(port) if port else DEFAULT_PORT
            host = host.strip()
            if not host or not 0 < number < 65536 or any(ch in host for ch in " /\\"):
                raise ValueError(rest)
            return PrinterTarget(NETWORK, host=host, port=number)
        if kind == "file" and rest.strip():
            return PrinterTarget(FILE, path=rest.strip())
    except ValueError:
        pass
    raise PrinterSettingError(_HELP_ZH, _HELP_EN)
