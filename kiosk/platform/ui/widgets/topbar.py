"""The bar on every screen: logo (hidden admin gesture), station, read aloud, language, large
type, home."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.theme import Theme

LOGO_HOLD_MS = 3000


class LogoButton(QLabel):
    """The station logo; holding it for `hold_ms` opens the admin PIN page.

    Signals:
        long_pressed(): held long enough.
    """

    long_pressed = Signal()

    def __init__(self, hold_ms: int = LOGO_HOLD_MS, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPixmap(icons.pixmap("logo", 72, "#9C3D1E"))
        self.setFixedSize(80, 80)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(hold_ms)
        self._hold.timeout.connect(self._on_held)

    def set_hold_ms(self, hold_ms: int) -> None:
        self._hold.setInterval(hold_ms)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._hold.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._hold.stop()
        event.accept()

    @Slot()
    def _on_held(self) -> None:
        self.long_pressed.emit()


class TopBar(QFrame):
    """Signals:
    home_clicked(): the Home button.
    language_clicked(): switch to the other language.
    large_type_toggled(bool): large type on or off.
    admin_gesture(): the logo was held for three seconds.
    emergency_clicked(): the red emergency button (one tap, on every screen).
    read_aloud_clicked(): read the page aloud (shown only when a speech engine is there).
    """

    home_clicked = Signal()
    language_clicked = Signal()
    large_type_toggled = Signal(bool)
    admin_gesture = Signal()
    emergency_clicked = Signal()
    read_aloud_clicked = Signal()

    def __init__(
        self,
        station_zh: str,
        station_en: str,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("topbar")
        self.setFixedHeight(112)
        self._station = {"zh": station_zh, "en": station_en}
        self._language = language
        self._theme = theme

        self.logo = LogoButton()
        self.station_label = QLabel()
        self.station_label.setObjectName("station")
        self.app_label = QLabel()
        self.app_label.setObjectName("appname")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addStretch(1)
        names.addWidget(self.station_label)
        names.addWidget(self.app_label)
        names.addStretch(1)

        self.read_aloud_button = self._bar_button("speaker")
        self.read_aloud_button.setObjectName("read_aloud_button")
        self.read_aloud_button.hide()  # until the speech engine says it is there
        self.language_button = self._bar_button("globe")
        self.language_button.setObjectName("language_button")
        self.large_type_button = self._bar_button("textsize")
        self.large_type_button.setObjectName("large_type_button")
        self.large_type_button.setCheckable(True)
        self.large_type_button.setChecked(theme.large_type)
        self.home_button = self._bar_button("home")
        self.home_button.setObjectName("home_button")
        self.emergency_button = QPushButton()
        self.emergency_button.setObjectName("emergency_button")
        self.emergency_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.emergency_button.setMinimumHeight(80)
        self.emergency_button.setIconSize(QSize(40, 40))
        self.emergency_button.setIcon(icons.icon("emergency", 40, "#FFFFFF"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(20)
        layout.addWidget(self.logo)
        layout.addLayout(names, 1)
        layout.addWidget(self.emergency_button)
        layout.addSpacing(12)
        layout.addWidget(self.read_aloud_button)
        layout.addWidget(self.language_button)
        layout.addWidget(self.large_type_button)
        layout.addWidget(self.home_button)

        self.read_aloud_button.clicked.connect(self.read_aloud_clicked)
        self.language_button.clicked.connect(self.language_clicked)
        self.large_type_button.toggled.connect(self.large_type_toggled)
        self.home_button.clicked.connect(self.home_clicked)
        self.emergency_button.clicked.connect(self.emergency_clicked)
        self.logo.long_pressed.connect(self.admin_gesture)
        self.retranslate()

    def _bar_button(self, icon_name: str) -> QPushButton:
        button = QPushButton()
        button.setProperty("bar", "true")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumHeight(80)
        button.setIconSize(QSize(36, 36))
        button.setProperty("icon_name", icon_name)
        return button

    def refresh_icons(self) -> None:
        """Icons follow the theme; the checked large-type button is drawn inverted."""
        palette = self._theme.palette
        buttons = (
            self.read_aloud_button,
            self.language_button,
            self.large_type_button,
            self.home_button,
        )
        for button in buttons:
            name = str(button.property("icon_name"))
            color = palette.primary if button.isChecked() else palette.on_primary
            button.setIcon(icons.icon(name, 36, color))

    def set_station(self, station_zh: str, station_en: str) -> None:
        """The station's name changed on the admin screen."""
        self._station = {"zh": station_zh, "en": station_en}
        self.retranslate()

    def retranslate(self) -> None:
        lang = self._language.language
        self.station_label.setText(self._station[lang])
        self.app_label.setText(self.tr("Station Kiosk · self-service"))
        # The switch names the language it switches to, in that language.
        self.language_button.setText("English" if lang == "zh" else "中文")
        self.read_aloud_button.setText(self.tr("Read aloud"))
        self.large_type_button.setText(self.tr("Large text"))
        self.home_button.setText(self.tr("Home"))
        self.emergency_button.setText(self.tr("Emergency"))
        self.emergency_button.setAccessibleName(self.tr("Emergency"))
        self.refresh_icons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
