"""Check-in: ask for the badge (USB scanner works anywhere), or offer phone + PIN, or a camera."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button


class CheckInPage(Page):
    """Signals:
    phone_requested(): use phone number + PIN instead of a badge.
    camera_requested(): scan the badge with the camera.
    setup_requested(): first time (or after a reset): set a PIN with the centre's setup code.
    """

    phone_requested = Signal()
    camera_requested = Signal()
    setup_requested = Signal()

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        has_camera: Callable[[], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._has_camera = has_camera
        self._camera_checked = False

        self.illustration = QLabel()
        self.illustration.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel()
        self.title.setProperty("role", "headline")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.other_title = QLabel()
        self.other_title.setProperty("role", "other-language")
        self.other_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)

        card = QFrame()
        card.setProperty("card", True)
        card.setMaximumWidth(1100)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(60, 50, 60, 50)
        inner.setSpacing(18)
        inner.addWidget(self.illustration)
        inner.addWidget(self.title)
        inner.addWidget(self.other_title)
        inner.addSpacing(10)
        inner.addWidget(self.hint)

        self.phone_button = button("primary", "phone", "#FFFFFF", height=104)
        self.phone_button.setObjectName("use_phone")
        self.phone_button.setMinimumWidth(460)
        self.phone_button.clicked.connect(self.phone_requested)
        self.camera_button = button("", "camera", theme.palette.icon, height=104)
        self.camera_button.setObjectName("use_camera")
        self.camera_button.setMinimumWidth(400)
        self.camera_button.clicked.connect(self.camera_requested)
        self.camera_button.setVisible(False)
        self.setup_button = button("", "lock", theme.palette.icon, height=88)
        self.setup_button.setObjectName("setup_pin")
        self.setup_button.clicked.connect(self.setup_requested)

        buttons = QHBoxLayout()
        buttons.setSpacing(30)
        buttons.addStretch(1)
        buttons.addWidget(self.phone_button)
        buttons.addWidget(self.camera_button)
        buttons.addStretch(1)
        setup_row = QHBoxLayout()
        setup_row.addStretch(1)
        setup_row.addWidget(self.setup_button)
        setup_row.addStretch(1)

        center = QHBoxLayout()
        center.addStretch(1)
        center.addWidget(card, 4)
        center.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 50, 60, 60)
        layout.setSpacing(40)
        layout.addStretch(1)
        layout.addLayout(center)
        layout.addLayout(buttons)
        layout.addLayout(setup_row)
        layout.addStretch(1)
        self.theme_changed()
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        # Probing cameras loads the multimedia back end (slow, memory): only when first needed.
        if not self._camera_checked:
            self._camera_checked = True
            self.camera_button.setVisible(self._has_camera())
        super().showEvent(event)

    def theme_changed(self) -> None:
        self.illustration.setPixmap(icons.pixmap("badge", 150, self.theme.palette.icon))
        self.camera_button.setIcon(icons.icon("camera", 40, self.theme.palette.icon))
        self.setup_button.setIcon(icons.icon("lock", 36, self.theme.palette.icon))

    def retranslate(self) -> None:
        zh, en = "请扫描工牌", "Please scan your badge"
        first, second = (zh, en) if self.lang == "zh" else (en, zh)
        self.title.setText(first)
        self.other_title.setText(second)
        self.hint.setText(self.tr("Hold the QR code on your badge under the scanner."))
        self.phone_button.setText(self.tr("Use phone + PIN"))
        self.camera_button.setText(self.tr("Scan with the camera"))
        self.setup_button.setText(self.tr("First time? Set up your PIN"))
