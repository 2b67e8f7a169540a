"""One service in detail: what it is, where to find it and when it is open."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.services.catalogue import ServiceItem
from kiosk.ui import icons
from kiosk.ui.i18n import LanguageSwitch
from kiosk.ui.pages.base import Page
from kiosk.ui.theme import Theme
from kiosk.ui.util import button


class ServiceDetailPage(Page):
    """Signals:
    back_requested(): leave for the home screen.
    """

    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._item: ServiceItem | None = None
        self.icon_label = QLabel()
        self.icon_label.setFixedSize(160, 160)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setProperty("role", "headline")
        self.other_name = QLabel()
        self.other_name.setProperty("role", "other-language")
        self.description = QLabel()
        self.description.setProperty("role", "lead")
        self.description.setWordWrap(True)

        card = QFrame()
        card.setProperty("card", True)
        facts = QGridLayout(card)
        facts.setContentsMargins(36, 30, 36, 30)
        facts.setHorizontalSpacing(30)
        facts.setVerticalSpacing(22)
        self.where_caption = QLabel()
        self.where_caption.setProperty("role", "section")
        self.where_value = QLabel()
        self.where_value.setProperty("role", "lead")
        self.where_value.setWordWrap(True)
        self.hours_caption = QLabel()
        self.hours_caption.setProperty("role", "section")
        self.hours_value = QLabel()
        self.hours_value.setProperty("role", "lead")
        facts.addWidget(self.where_caption, 0, 0)
        facts.addWidget(self.where_value, 0, 1)
        facts.addWidget(self.hours_caption, 1, 0)
        facts.addWidget(self.hours_value, 1, 1)
        facts.setColumnStretch(1, 1)

        self.back_button = button("primary", "back", "#FFFFFF", height=96)
        self.back_button.setObjectName("detail_back")
        self.back_button.setMinimumWidth(320)
        self.back_button.clicked.connect(self.back_requested)

        head_text = QVBoxLayout()
        head_text.setSpacing(6)
        head_text.addStretch(1)
        head_text.addWidget(self.name_label)
        head_text.addWidget(self.other_name)
        head_text.addStretch(1)
        head = QHBoxLayout()
        head.setSpacing(36)
        head.addWidget(self.icon_label)
        head.addLayout(head_text, 1)

        body = QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(34)
        body.addLayout(head)
        body.addWidget(self.description)
        body.addWidget(card)
        body.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        body.addLayout(bottom)

        outer = QHBoxLayout(self)
        outer.setContentsMargins(140, 50, 140, 50)
        outer.addLayout(body)
        self.retranslate()

    def show_item(self, item: ServiceItem) -> None:
        self._item = item
        self.theme_changed()
        self.retranslate()

    @property
    def item(self) -> ServiceItem | None:
        return self._item

    def theme_changed(self) -> None:
        if self._item is not None:
            self.icon_label.setPixmap(icons.pixmap(self._item.icon, 140, self.theme.palette.icon))

    def retranslate(self) -> None:
        self.where_caption.setText(self.tr("Where"))
        self.hours_caption.setText(self.tr("Hours"))
        self.back_button.setText(self.tr("Back to all services"))
        item = self._item
        if item is None:
            return
        other = self.language.other()
        self.name_label.setText(item.name(self.lang))
        self.other_name.setText(item.name(other))
        self.description.setText(item.description(self.lang))
        self.where_value.setText(item.where(self.lang))
        self.hours_value.setText(item.hours)

    def reset(self) -> None:
        self._item = None
