"""Ordering help (点单): a category with big icons, then the optional train, time, phone and a
few words.

The pages only show and ask; the request flow keeps what was chosen and calls the service.
`ChoicePage` is shared with the needs-and-wishes categories.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.core.tickets import RequestCategory
from kiosk.features.requests.ui.labels import REQUEST_CATEGORIES, pair
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.platform.ui.widgets.service_qr import ServiceQr

COLUMNS = 3


class ChoiceTile(QPushButton):
    """A big target: icon, the name in the current language, and in the other one beneath."""

    def __init__(self, key: str, icon: str, zh: str, en: str, theme: Theme) -> None:
        super().__init__()
        self.key = key
        self._icon = icon
        self._texts = (zh, en)
        self._theme = theme
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(220, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label.setWordWrap(True)
        self.other_label = QLabel()
        self.other_label.setProperty("role", "other-language")
        self.other_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.other_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 14, 12, 12)
        layout.setSpacing(8)
        layout.addStretch(1)
        for label in (self.icon_label, self.name_label, self.other_label):
            layout.addWidget(label)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addStretch(1)
        self.theme_changed()

    def theme_changed(self) -> None:
        size = self._theme.sizes.tile_icon
        self.icon_label.setPixmap(icons.pixmap(self._icon, size, self._theme.palette.icon))

    def set_language(self, language: str) -> None:
        first, second = pair(*self._texts, language)
        self.name_label.setText(first)
        self.other_label.setText(second)
        self.setAccessibleName(first)


class ChoicePage(Page):
    """A grid of category tiles with Back and a secondary action ("Check my ticket").

    Signals:
    chosen(str): the tapped tile's key.
    back_requested(): home.
    lookup_requested(): the ticket lookup.
    """

    chosen = Signal(str)
    back_requested = Signal()
    lookup_requested = Signal()

    def __init__(
        self,
        choices: dict[str, tuple[str, str, str]],
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.tiles: dict[str, ChoiceTile] = {}
        grid = QGridLayout()
        grid.setSpacing(18)
        for index, (key, (icon, zh, en)) in enumerate(choices.items()):
            tile = ChoiceTile(key, icon, zh, en, theme)
            tile.setObjectName("tile")
            tile.clicked.connect(lambda _=False, k=key: self.chosen.emit(k))
            grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            self.tiles[key] = tile
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("choice_back")
        self.back_button.setMinimumWidth(280)
        self.lookup_button = button("", "ticket", theme.palette.icon, height=96)
        self.lookup_button.setObjectName("choice_lookup")
        self.service_qr = ServiceQr()
        actions = QHBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.service_qr)
        actions.addWidget(self.lookup_button)
        self._actions = actions
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 28, 64, 28)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(grid, 1)
        layout.addLayout(actions)
        self.back_button.clicked.connect(self.back_requested)
        self.lookup_button.clicked.connect(self.lookup_requested)

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def add_action(self, action: QWidget) -> None:
        """Another feature's button in the row of actions, before "Check my ticket"."""
        self._actions.insertWidget(self._actions.count() - 1, action)

    def theme_changed(self) -> None:
        for tile in self.tiles.values():
            tile.theme_changed()
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))
        self.lookup_button.setIcon(icons.icon("ticket", 40, self.theme.palette.icon))

    def retranslate(self) -> None:
        for tile in self.tiles.values():
            tile.set_language(self.lang)
        self.back_button.setText(self.tr("Back"))
        self.lookup_button.setText(self.tr("Check my ticket"))
        self.message.set_language(self.lang)

    def reset(self) -> None:
        self.message.clear()


class RequestCategoryPage(ChoicePage):
    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(dict(REQUEST_CATEGORIES), language, theme, parent)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Ask a volunteer for help"))
        self.hint.setText(self.tr("What do you need? A volunteer on duty will come to you."))


class RequestDetailsPage(Page):
    """The chosen help and three optional details; Send orders it.

    Signals:
    field_requested(str): "train", "time", "phone" or "text": open its keypad or keyboard.
    send_requested(): order now.
    back_requested(): choose another kind of help.
    """

    field_requested = Signal(str)
    send_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.category: str = RequestCategory.OTHER.value
        self.values: dict[str, str] = {}
        self.icon_label = QLabel()
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title_other = QLabel()
        self.title_other.setProperty("role", "other-language")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.message = BilingualMessage("inline-error", center=False)
        self.message.clear()
        self.field_buttons: dict[str, QPushButton] = {}
        fields = QVBoxLayout()
        fields.setSpacing(16)
        for key, icon in (
            ("train", "train"),
            ("time", "clock"),
            ("phone", "phone"),
            ("text", "info"),
        ):
            field = button("", icon, theme.palette.icon, height=100)
            field.setObjectName(f"request_{key}")
            field.setProperty("field", True)
            field.clicked.connect(lambda _=False, k=key: self.field_requested.emit(k))
            fields.addWidget(field)
            self.field_buttons[key] = field
        self.send_button = button("primary", "check", "#FFFFFF", height=120)
        self.send_button.setObjectName("request_send")
        self.send_button.setMinimumWidth(520)
        self.back_button = button("", "back", theme.palette.icon, height=120)
        self.back_button.setObjectName("request_details_back")
        self.back_button.setMinimumWidth(300)
        heading = QHBoxLayout()
        heading.setSpacing(24)
        heading.addWidget(self.icon_label)
        names = QVBoxLayout()
        names.addWidget(self.title)
        names.addWidget(self.title_other)
        heading.addLayout(names, 1)
        self.service_qr = ServiceQr()
        heading.addWidget(self.service_qr)
        row = QHBoxLayout()
        row.setSpacing(40)
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(120, 36, 120, 40)
        layout.setSpacing(18)
        layout.addLayout(heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.message)
        layout.addLayout(fields)
        layout.addStretch(1)
        layout.addLayout(row)
        self.send_button.clicked.connect(self.send_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def ask(self, category: str) -> None:
        self.reset()
        self.category = category
        self.retranslate()
        self.theme_changed()

    def set_value(self, key: str, shown: str) -> None:
        """`shown` is what the button displays (the phone already masked)."""
        if shown:
            self.values[key] = shown
        else:
            self.values.pop(key, None)
        self.retranslate()

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang)

    def theme_changed(self) -> None:
        icon = REQUEST_CATEGORIES.get(self.category, ("info", "", ""))[0]
        self.icon_label.setPixmap(icons.pixmap(icon, 96, self.theme.palette.icon))
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def retranslate(self) -> None:
        _, zh, en = REQUEST_CATEGORIES.get(self.category, ("", "", ""))
        first, second = pair(zh, en, self.lang)
        self.title.setText(first)
        self.title_other.setText(second)
        self.hint.setText(
            self.tr("All optional: a volunteer finds you sooner with your train and phone.")
        )
        captions = {
            "train": self.tr("Train number"),
            "time": self.tr("Departure time"),
            "phone": self.tr("Phone (shown masked)"),
            "text": self.tr("A few words"),
        }
        add = self.tr("tap to add (optional)")
        for key, field in self.field_buttons.items():
            value = self.values.get(key)
            field.setText(f"{captions[key]}:  {value if value else add}")
        self.send_button.setText(self.tr("Send request"))
        self.back_button.setText(self.tr("Back"))
        self.message.set_language(self.lang)

    def reset(self) -> None:
        self.values = {}
        self.message.clear()
        self.retranslate()
