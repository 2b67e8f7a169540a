"""A service's QR code with a short bilingual caption, small enough for a page's heading.

Pages that open their own flow instead of the plain service page (help requests, needs and
wishes, lost and found, the medicine box) still offer the service's phone page: typing Chinese
is easier on one's own phone than on a kiosk ("即扫即办").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.platform.ui.qr import qr_pixmap

CAPTION = "手机扫码也能办\nScan to do it on your phone"


class ServiceQr(QWidget):
    """The caption on the left, the code on the right; hidden until a link is set."""

    def __init__(self, qr_px: int = 132, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._qr_px = qr_px
        self._link = ""
        self.caption = QLabel(CAPTION)
        self.caption.setProperty("role", "muted")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.qr_label = QLabel()
        self.qr_label.setObjectName("service_qr")
        self.qr_label.setFixedSize(qr_px, qr_px)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.caption)
        layout.addWidget(self.qr_label)
        self.setVisible(False)

    @property
    def link(self) -> str:
        return self._link

    def set_link(self, link: str) -> None:
        """Show the code for `link` ("" hides it: a flow opened without a catalogue entry)."""
        self._link = link
        if not link:
            self.qr_label.clear()
            self.setVisible(False)
            return
        self.qr_label.setPixmap(qr_pixmap(link, self._qr_px))
        self.qr_label.setAccessibleDescription(link)
        self.setVisible(True)
