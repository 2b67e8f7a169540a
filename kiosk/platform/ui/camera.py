"""Badge scanning with a camera (QtMultimedia frames decoded by zxing-cpp), where one exists.

Imported only when needed: loading the multimedia back end costs time and memory that the
home screen should not pay.
"""

from __future__ import annotations

import time

import zxingcpp
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button, quiet_multimedia

DECODE_EVERY_S = 0.2


def decode_qr(image: QImage) -> str | None:
    """The text of the first QR code in `image`, or None."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    for result in zxingcpp.read_barcodes(
        gray, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    ):
        if result.valid and result.text:
            return str(result.text)
    return None


def has_camera() -> bool:
    """True when QtMultimedia sees at least one video input."""
    quiet_multimedia()
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.videoInputs())


class CameraPage(Page):
    """Live preview; the first QR decoded is emitted and the camera stops.

    Signals:
        scanned(str): the decoded text.
        back_requested(): leave without a scan.
    """

    scanned = Signal(str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        quiet_multimedia()
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QVideoFrame, QVideoSink

        self._frame_type = QVideoFrame
        self._camera = QCamera(self)
        self._sink = QVideoSink(self)
        self._session = QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_frame)
        self._last_decode = 0.0

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(960, 540)
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.clicked.connect(self.back_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.addWidget(self.title)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Hold your badge in front of the camera"))
        self.back_button.setText(self.tr("Back"))

    def showEvent(self, event: QShowEvent) -> None:
        self._camera.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._camera.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self._camera.stop()
        self.preview.clear()

    @Slot(object)
    def _on_frame(self, frame: object) -> None:
        assert isinstance(frame, self._frame_type)
        image = frame.toImage()
        if image.isNull():
            return
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
        now = time.monotonic()
        if now - self._last_decode < DECODE_EVERY_S:
            return
        self._last_decode = now
        text = decode_qr(image)
        if text:
            self._camera.stop()
            self.scanned.emit(text)
