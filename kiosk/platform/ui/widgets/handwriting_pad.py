"""A square pad to write one Chinese character with a finger; strokes go to the recogniser.

The pad takes the room its page gives it and writes in the largest centred square of it (the
recogniser compares shapes, so a stretched box would distort them); strokes are kept in the
square's own coordinates.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

MIN_PAD_PX = 280


class HandwritingPad(QWidget):
    """Signals:
    strokes_changed(): a stroke ended, or the pad was cleared.
    """

    strokes_changed = Signal()

    def __init__(self, ink: str = "#1F1A17", guide: str = "#D8CFC4", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("handwriting_pad")
        self.setMinimumSize(MIN_PAD_PX, MIN_PAD_PX)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.strokes: list[list[tuple[int, int]]] = []
        self._current: list[tuple[int, int]] | None = None
        self._ink = QColor(ink)
        self._guide = QColor(guide)

    def set_colors(self, ink: str, guide: str) -> None:
        self._ink, self._guide = QColor(ink), QColor(guide)
        self.update()

    def square(self) -> QRect:
        """Where one writes: the largest centred square of the widget."""
        side = min(self.width(), self.height())
        return QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)

    @property
    def side(self) -> int:
        return self.square().width()

    def clear(self) -> None:
        self.strokes = []
        self._current = None
        self.update()
        self.strokes_changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._current = [self._point(event.position().toPoint())]
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            point = self._point(event.position().toPoint())
            if point != self._current[-1]:
                self._current.append(point)
                self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is None:
            return
        self._current.append(self._point(event.position().toPoint()))
        self.strokes.append(self._current)
        self._current = None
        self.update()
        self.strokes_changed.emit()

    def _point(self, point: QPoint) -> tuple[int, int]:
        box = self.square()
        x, y = point.x() - box.x(), point.y() - box.y()
        return (min(max(x, 0), box.width()), min(max(y, 0), box.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = self.square()
        painter.translate(box.topLeft())
        w = h = box.width()
        painter.fillRect(0, 0, w, h, QColor("#FFFFFF"))
        painter.setPen(QPen(self._guide, 2, Qt.PenStyle.DashLine))
        painter.drawRect(1, 1, w - 2, h - 2)
        painter.drawLine(w // 2, 0, w // 2, h)  # the 田字格 a Chinese exercise book has
        painter.drawLine(0, h // 2, w, h // 2)
        painter.setPen(QPen(self._ink, 10, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        for stroke in [*self.strokes, *([self._current] if self._current else [])]:
            for (x0, y0), (x1, y1) in itertools.pairwise(stroke):
                painter.drawLine(x0, y0, x1, y1)
            if len(stroke) == 1:
                painter.drawPoint(*stroke[0])
        painter.end()
