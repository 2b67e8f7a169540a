"""A service's description, where it is, its hours and its QR code, in a compact card.

Pages that replace the plain service page with their own flow (phone charging, lending) show it
so a traveller still gets the same facts and QR code as on any other service's page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.platform.ui.qr import qr_pixmap


def _label(role: str) -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    return label


class ServiceInfoCard(QFrame):
    """Text on the left (current language large, the other beneath), the QR code on the right."""

    def __init__(self, qr_px: int = 200, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("service_info")
        self.setProperty("card", True)
        self._item: ServiceItem | None = None
        self._link = ""
        self._qr_px = qr_px
        self.description = _label("lead")
        self.description_other = _label("other-language")
        self.where = _label("muted")
        self.qr_label = QLabel()
        self.qr_label.setObjectName("service_qr")
        self.qr_label.setFixedSize(qr_px, qr_px)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_caption = _label("muted")
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.description)
        text.addWidget(self.description_other)
        text.addStretch(1)
        text.addWidget(self.where)
        # The caption beside the code, not under it: the card stays as low as the QR itself.
        text.addWidget(self.qr_caption)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 12, 16, 12)
        layout.setSpacing(20)
        layout.addLayout(text, 1)
        layout.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignVCenter)
        # No taller than its text and code: without a code (stand-alone) no blank band.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setVisible(False)

    @property
    def item(self) -> ServiceItem | None:
        return self._item

    @property
    def link(self) -> str:
        return self._link

    def show_item(self, item: ServiceItem | None, link: str, language: str) -> None:
        """Show `item` (None hides the card: a flow opened without a catalogue entry)."""
        self._item = item
        self._link = link if item is not None else ""
        if item is None:
            self.qr_label.clear()
            self.setVisible(False)
            return
        # No link (a stand-alone kiosk): no code and no "scan" caption, the text stays.
        self.qr_label.setVisible(bool(link))
        self.qr_caption.setVisible(bool(link))
        if link:
            self.qr_label.setPixmap(qr_pixmap(link, self._qr_px))
        else:
            self.qr_label.clear()
        self.qr_label.setAccessibleDescription(link)
        self.set_language(language)
        self.setVisible(True)

    def set_language(self, language: str) -> None:
        item = self._item
        if item is None:
            return
        other = "en" if language == "zh" else "zh"
        self.description.setText(item.description(language))
        self.description_other.setText(item.description(other))
        self.where.setText(
            self.tr("Where: %1  ·  Hours: %2")
            .replace("%1", item.where(language))
            .replace("%2", item.opening_hours(language))
        )
        self.qr_caption.setText("用手机扫码 · Scan with your phone  →")

    def clear(self) -> None:
        self.show_item(None, "", "zh")
