"""A small A4 PDF writer over QPdfWriter: flowing text, images and tables with page breaks.

QPainter on a QPdfWriter may run on a worker thread (it is a paged paint device like QImage,
not a widget), so reports are written beside the GUI thread. Text is set in the application's
font, the Chinese-capable one, and PDF viewers and `pdftotext` read the text back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtWidgets import QApplication

RESOLUTION = 300  # dots per inch: sharp chart images, small files
LINE = QColor("#8C7A66")
TEXT = QColor("#1A1A1A")
HEAD_BG = QColor("#F3E9DC")


class PdfError(OSError):
    """The file could not be opened for writing (folder gone, read-only stick)."""


def _family() -> str:
    app = QApplication.instance()
    return app.font().family() if isinstance(app, QApplication) else QFont().family()


class PdfDocument:
    """Draws top to bottom on A4 pages; `y` is where the next block starts."""

    def __init__(self, path: Path, title: str, family: str | None = None) -> None:
        self.path = path
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(RESOLUTION)
        self.writer.setTitle(title)
        self.writer.setCreator("Station Kiosk")
        # A4 by its size, not QPageSize(PageSizeId.A4): once the main window's modules are
        # loaded, PySide resolves that call to another constructor and gets an invalid 0 x 0
        # page (every line then lands on a page of its own).
        a4 = QPageSize(
            QSizeF(210, 297), QPageSize.Unit.Millimeter, "A4", QPageSize.SizeMatchPolicy.ExactMatch
        )
        self.writer.setPageLayout(
            QPageLayout(
                a4,
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 16, 18, 16),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.painter = QPainter()
        if not self.painter.begin(self.writer):
            raise PdfError(f"cannot write {path}")
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.family = family or _family()
        # The device's own metrics (inside the margins): the painter's viewport can read 0 x 0
        # while a shown window is the active paint context.
        self.width = float(self.writer.width())
        self.height = float(self.writer.height())
        if self.width <= 0 or self.height <= 0:
            self.painter.end()
            raise PdfError(f"no page size for {path}")
        self.y = 0.0
        self.pages = 1

    def mm(self, value: float) -> float:
        return value * RESOLUTION / 25.4

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPointSizeF(points)
        font.setBold(bold)
        # No "ff"/"fi" ligatures: they come back from the PDF as one odd glyph, so a search for
        # "staff" in a viewer (or pdftotext) would miss it.
        font.setFeature(QFont.Tag("liga"), 0)
        return font

    def new_page(self) -> None:
        self.writer.newPage()
        self.pages += 1
        self.y = 0.0

    def ensure(self, height: float) -> None:
        """Start a new page unless `height` still fits on this one."""
        if self.y + height > self.height and self.y > 0:
            self.new_page()

    def space(self, millimetres: float) -> None:
        self.y += self.mm(millimetres)

    def text(
        self,
        text: str,
        points: float = 11,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        colour: QColor = TEXT,
        after_mm: float = 2,
    ) -> None:
        """A paragraph, wrapped to the page width."""
        font = self.font(points, bold)
        flags = int(align) | int(Qt.TextFlag.TextWordWrap)
        bounds = QFontMetricsF(font, self.writer).boundingRect(
            QRectF(0, 0, self.width, 10 * self.height), flags, text
        )
        self.ensure(bounds.height())
        self.painter.setFont(font)
        self.painter.setPen(colour)
        self.painter.drawText(QRectF(0, self.y, self.width, bounds.height()), flags, text)
        self.y += bounds.height() + self.mm(after_mm)

    def rule(self, after_mm: float = 3) -> None:
        self.painter.setPen(QPen(LINE, self.mm(0.3)))
        self.painter.drawLine(0, int(self.y), int(self.width), int(self.y))
        self.y += self.mm(after_mm)

    def image(self, image: QImage, width_mm: float, x_mm: float | None = None) -> None:
        """An image `width_mm` wide keeping its proportions (centred unless `x_mm`)."""
        width = self.mm(width_mm)
        height = width * image.height() / max(1, image.width())
        self.ensure(height)
        x = (self.width - width) / 2 if x_mm is None else self.mm(x_mm)
        self.painter.drawImage(QRectF(x, self.y, width, height), image)
        self.y += height + self.mm(3)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        points: float = 9.5,
        cancelled: Callable[[], bool] = lambda: False,
        on_row: Callable[[int], None] = lambda index: None,
    ) -> None:
        """A ruled table; `widths` are fractions of the page width. The header repeats on each
        new page. `cancelled` is checked between rows (a long table is most of the work)."""
        font = self.font(points)
        bold = self.font(points, True)
        metrics = QFontMetricsF(font, self.writer)
        pad = self.mm(1.6)
        lefts = [sum(widths[:i]) * self.width for i in range(len(widths))]
        cells = [w * self.width for w in widths]
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter) | int(
            Qt.TextFlag.TextWordWrap
        )

        def height_of(values: Sequence[str]) -> float:
            tallest = max(
                metrics.boundingRect(
                    QRectF(0, 0, cells[i] - 2 * pad, self.height), flags, value
                ).height()
                for i, value in enumerate(values)
            )
            return tallest + 2 * pad

        def draw(values: Sequence[str], is_header: bool) -> None:
            height = height_of(values)
            if self.y + height > self.height:
                self.new_page()
                if not is_header:
                    draw(header, True)
            if is_header:
                self.painter.fillRect(QRectF(0, self.y, sum(cells), height), HEAD_BG)
            self.painter.setFont(bold if is_header else font)
            self.painter.setPen(TEXT)
            for left, width, value in zip(lefts, cells, values, strict=False):
                self.painter.drawText(
                    QRectF(left + pad, self.y, width - 2 * pad, height), flags, value
                )
            self.painter.setPen(QPen(LINE, self.mm(0.2)))
            bottom = self.y + height
            self.painter.drawLine(0, int(bottom), int(sum(cells)), int(bottom))
            self.y = bottom

        self.painter.setPen(QPen(LINE, self.mm(0.2)))
        self.painter.drawLine(0, int(self.y), int(sum(cells)), int(self.y))
        draw(header, True)
        for index, row in enumerate(rows):
            if cancelled():
                return
            draw(row, False)
            on_row(index)
        self.y += self.mm(4)

    def finish(self) -> None:
        if self.painter.isActive():
            self.painter.end()
