"""Admin: this kiosk's settings (station name, idle times, default language and large type, the
hub and enrolment) and the station's badge lifetime. A tap on a choice saves it at once (each
change is audited by the flow)."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage
from kiosk.settings import Settings

# The station's badge lifetime in days: not a field of this kiosk's Settings but an event that
# every kiosk of the station folds (kiosk.features.volunteers.domain.serials).
BADGE_LIFETIME = "badge_lifetime_days"

CHOICES: dict[str, tuple[Any, ...]] = {
    "idle_timeout_s": (30, 60, 120, 300),
    "admin_idle_timeout_s": (60, 180, 300, 600),
    "language": ("zh", "en"),
    "large_type": (False, True),
    BADGE_LIFETIME: (365, 730, 1095, 1825),
}


class SettingsPage(Page):
    """Signals:
    choice_made(str, object): a setting and its new value.
    text_requested(str): type a new value for "station_name_en", "hub_url" or "printer".
    test_print_requested(): print a test slip on the printer set.
    enrol_requested(): type an enrolment code for the hub URL shown.
    back_requested(): back to the admin screen.
    """

    choice_made = Signal(str, object)
    text_requested = Signal(str)
    enrol_requested = Signal()
    test_print_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._settings: Settings | None = None
        self._enrolled: str | None = None
        self._custom: dict[str, object] = {}  # current values that no button shows
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        self.choice_buttons: dict[str, dict[Any, QPushButton]] = {}
        self.change_buttons: dict[str, QPushButton] = {}
        # On the printer's row, before its Change…: a test slip (Chinese, a QR code, a cut).
        self.test_print_button = button("", "ticket", theme.palette.icon, height=72)
        self.test_print_button.setObjectName("setting_test_print")
        self.test_print_button.setMinimumWidth(220)
        self.test_print_button.clicked.connect(self._on_test_print)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(16)
        for row, name in enumerate(("station_name_en", *CHOICES, "hub_url", "printer")):
            caption = QLabel()
            caption.setProperty("role", "section")
            caption.setWordWrap(True)
            self.captions[name] = caption
            grid.addWidget(caption, row, 0)
            line = QHBoxLayout()
            line.setSpacing(12)
            if name in CHOICES:
                group = QButtonGroup(self)
                group.setExclusive(True)
                self.choice_buttons[name] = {}
                for value in CHOICES[name]:
                    choice = button("", "", height=72)
                    choice.setCheckable(True)
                    choice.setObjectName(f"setting_{name}_{value}")
                    choice.clicked.connect(partial(self._on_choice, name, value))
                    group.addButton(choice)
                    self.choice_buttons[name][value] = choice
                    line.addWidget(choice)
                line.addStretch(1)
            else:
                value_label = QLabel()
                value_label.setWordWrap(True)
                self.values[name] = value_label
                change = button("", "", height=72)
                change.setObjectName(f"setting_{name}_change")
                change.setMinimumWidth(220)
                change.clicked.connect(partial(self.text_requested.emit, name))
                self.change_buttons[name] = change
                line.addWidget(value_label, 1)
                if name == "printer":
                    line.addWidget(self.test_print_button)
                line.addWidget(change)  # at the right edge: every Change… in one column
            grid.addLayout(line, row, 1)
        grid.setColumnStretch(1, 1)
        self.enrol_state = QLabel()
        self.enrol_state.setWordWrap(True)
        self.enrol_button = button("", "sync", theme.palette.icon, height=80)
        self.enrol_button.setObjectName("setting_enrol")
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setMinimumWidth(240)
        enrol_row = QHBoxLayout()
        enrol_row.addWidget(self.enrol_state, 1)
        enrol_row.addWidget(self.enrol_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 30, 60, 30)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addLayout(enrol_row)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.enrol_button.clicked.connect(self.enrol_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def show_settings(
        self, settings: Settings, enrolled_hub: str | None, badge_lifetime_days: int = 730
    ) -> None:
        """Show the values in force; `enrolled_hub` is the hub this kiosk syncs with, if any;
        `badge_lifetime_days` the station's badge lifetime."""
        self._settings = settings
        self._custom = {}
        self._enrolled = enrolled_hub
        for name, buttons in self.choice_buttons.items():
            if name == BADGE_LIFETIME:
                current: Any = badge_lifetime_days
            else:
                current = getattr(settings, name)
            for value, choice in buttons.items():
                choice.setChecked(value == current)
            if current not in buttons:  # set by the installer to a value not offered here
                self._custom[name] = current
        self.values["station_name_en"].setText(settings.station_name_en)
        self.values["hub_url"].setText(settings.hub_url or "—")
        self.values["printer"].setText(settings.printer or self.tr("None"))
        self.test_print_button.setEnabled(bool(settings.printer))
        self.enrol_button.setEnabled(enrolled_hub is None)
        self.retranslate()

    def _on_test_print(self) -> None:
        self.notice.clear()
        self.test_print_requested.emit()

    def _on_choice(self, name: str, value: object) -> None:
        self.notice.clear()
        self.choice_made.emit(name, value)

    def _choice_text(self, name: str, value: object) -> str:
        if name == "language":
            return "中文" if value == "zh" else "English"
        if name == "large_type":
            return self.tr("On") if value else self.tr("Off")
        if name == BADGE_LIFETIME:
            days = int(str(value))
            if days % 365 == 0:
                return self.tr("%1 yr").replace("%1", str(days // 365))
            return self.tr("%1 days").replace("%1", str(days))
        seconds = int(str(value))
        if seconds < 60:
            return self.tr("%1 s").replace("%1", str(seconds))
        return self.tr("%1 min").replace("%1", str(seconds // 60))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        texts = {
            "station_name_en": self.tr("Station name (English)"),
            "idle_timeout_s": self.tr("Back to home after"),
            "admin_idle_timeout_s": self.tr("Admin screens log out after"),
            "language": self.tr("Default language"),
            "large_type": self.tr("Large type"),
            BADGE_LIFETIME: self.tr("Badges valid for (whole station)"),
            "hub_url": self.tr("Hub address"),
            "printer": self.tr("Receipt printer"),
        }
        for name, text in texts.items():
            if name in self._custom:
                now = self._choice_text(name, self._custom[name])
                text = self.tr("%1 (now %2)").replace("%1", text).replace("%2", now)
            self.captions[name].setText(text)
        for name, buttons in self.choice_buttons.items():
            for value, choice in buttons.items():
                choice.setText(self._choice_text(name, value))
        for change in self.change_buttons.values():
            change.setText(self.tr("Change…"))
        if self._enrolled:
            self.enrol_state.setText(self.tr("Enrolled with %1").replace("%1", self._enrolled))
        else:
            self.enrol_state.setText(self.tr("Not enrolled with a hub"))
        self.enrol_button.setText(self.tr("Enrol with a code…"))
        self.test_print_button.setText(self.tr("Test print"))
        if self._settings is not None and not self._settings.printer:
            self.values["printer"].setText(self.tr("None"))
        self.back_button.setText(self.tr("Back"))
        self.notice.set_language(self.lang)

    def reset(self) -> None:
        self.notice.clear()
