"""QR codes drawn on the kiosk itself (qrcode + pillow), so a service's code shows offline.

Encoding a code costs a few milliseconds; a page is shown many times with the same link, so each
(url, size) pixmap is kept in memory (a small bounded cache: a catalogue has tens of services).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtGui import QImage, QPixmap

if TYPE_CHECKING:
    from PIL import Image

CACHE_SIZE = 64
_cache: OrderedDict[tuple[str, int], QPixmap] = OrderedDict()


def qr_image(url: str, size: int) -> Image.Image:
    """The code for `url` as a `size`×`size` black-on-white greyscale image, 4-module quiet zone.

    qrcode and Pillow are imported on the first code drawn, not when the pages are built.
    """
    import qrcode
    from PIL import Image

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=1)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the quiet zone
    modules = len(matrix)
    small = Image.new("L", (modules, modules), 255)
    small.putdata([0 if dark else 255 for row in matrix for dark in row])
    # Whole pixels per module keep the edges sharp for phone cameras; the rest is white margin.
    scale = max(1, size // modules)
    sharp = small.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)
    if sharp.width == size:
        return sharp
    canvas = Image.new("L", (size, size), 255)
    offset = (size - sharp.width) // 2
    canvas.paste(sharp, (offset, offset))
    return canvas


def qr_pixmap(url: str, size: int) -> QPixmap:
    """The code for `url` as a pixmap of `size` device pixels (cached per url and size)."""
    key = (url, size)
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    image = qr_image(url, size)
    data = image.tobytes()
    qimage = QImage(data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8)
    pixmap = QPixmap.fromImage(qimage.copy())  # copy: the QImage must not outlive `data`
    _cache[key] = pixmap
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return pixmap


def clear_cache() -> None:
    _cache.clear()
