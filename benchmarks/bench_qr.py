"""QR code for a service page: the first draw (encode + raster + QPixmap) and a cached one.

Prints one JSON line: cold_ms (median of first draws of distinct links, i.e. an uncached page),
cached_ms (median of repeated draws of the same link), and their ratio.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.features.catalogue.service.catalogue import load_catalogue
    from kiosk.features.catalogue.ui.service_detail import QR_PX
    from kiosk.platform.ui import qr

    app = QApplication.instance() or QApplication([])
    items = load_catalogue()
    links = [
        item.qr_target("https://hub.example:8700", f"station-{n}")
        for n in range(20)
        for item in items
    ]
    qr.qr_pixmap("https://warm.up/", QR_PX)  # imports and first-use costs are not a page's
    cold: list[float] = []
    for link in links:
        start = time.perf_counter()
        qr.qr_pixmap(link, QR_PX)
        cold.append((time.perf_counter() - start) * 1000)
        qr.clear_cache()
    link = links[0]
    qr.qr_pixmap(link, QR_PX)
    cached: list[float] = []
    for _ in range(2000):
        start = time.perf_counter()
        qr.qr_pixmap(link, QR_PX)
        cached.append((time.perf_counter() - start) * 1000)
    cold_ms = statistics.median(cold)
    cached_ms = statistics.median(cached)
    print(
        json.dumps(
            {
                "cold_ms": round(cold_ms, 3),
                "cached_ms": round(cached_ms, 4),
                "cold_p99_ms": round(sorted(cold)[int(len(cold) * 0.99) - 1], 3),
                "speedup": round(cold_ms / cached_ms, 1),
                "size_px": QR_PX,
                "links": len(links),
            }
        )
    )
    del app


if __name__ == "__main__":
    main()
