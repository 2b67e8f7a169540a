"""Admin: the roster with its actions (add, deactivate, reset PIN, print or reprint a badge,
revoke a badge, team leader), and each volunteer's badge: serial, valid to, or why not.

The page only shows the list and says which action was tapped for which volunteer; the admin
flow calls the services (with the logged-in account) and shows the outcome in `notice`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core import words
from kiosk.core.results import VolunteerInfo
from kiosk.features.volunteers.service.serials import BadgeInfo
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

if TYPE_CHECKING:
    from kiosk.features.volunteers.service.roster import SetupCode

ACTIONS = ("deactivate", "reset_pin", "badge", "revoke_badge", "team_leader")


def selectable_table(columns: int) -> QTableWidget:
    """A read-only table where a tap selects one whole row."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(60)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setMinimumHeight(56)
    table.setShowGrid(False)
    return table


def cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class VolunteersPage(Page):
    """Signals:
    add_requested(): start a local registration.
    action_requested(str, str): one of ACTIONS (or "remove_leader"), for the selected
        volunteer's id.
    back_requested(): back to the admin screen.
    """

    add_requested = Signal()
    action_requested = Signal(str, str)
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self._volunteers: list[VolunteerInfo] = []
        self._leaders: set[str] = set()  # volunteer ids with an active team-leader account
        self._badges: dict[str, BadgeInfo] = {}  # each volunteer's newest badge
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.table = selectable_table(5)
        self.table.setObjectName("volunteers_table")
        header = self.table.horizontalHeader()
        for section in range(4):  # the badge column takes what is left: serial and valid-to
            header.setSectionResizeMode(section, QHeaderView.ResizeMode.ResizeToContents)
        self.notice = BilingualMessage(main_role="lead", center=False)
        self.notice.clear()
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)

        icon = theme.palette.icon
        self.add_button = button("primary", "volunteer", "#FFFFFF", height=88)
        self.action_buttons = {
            "deactivate": button("", "exit", icon, height=88),
            "reset_pin": button("", "lock", icon, height=88),
            "badge": button("", "badge", icon, height=88),
            "revoke_badge": button("", "alert", icon, height=88),
            "team_leader": button("", "flag", icon, height=88),
        }
        self.back_button = button("", "back", icon, height=88)
        side = QVBoxLayout()
        side.setSpacing(18)
        side.addWidget(self.add_button)
        for key in ACTIONS:
            self.action_buttons[key].setObjectName(f"volunteer_{key}")
            side.addWidget(self.action_buttons[key])
        side.addWidget(self.hint)
        side.addWidget(self.notice)
        side.addStretch(1)
        side.addWidget(self.back_button)
        side_box = QWidget()
        side_box.setFixedWidth(440)
        side_box.setLayout(side)

        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(self.title)
        column.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(48, 30, 48, 30)
        layout.setSpacing(44)
        layout.addLayout(column, 1)
        layout.addWidget(side_box)

        self.add_button.clicked.connect(self.add_requested)
        for key, action_button in self.action_buttons.items():
            action_button.clicked.connect(lambda _=False, k=key: self._on_action(k))
        self.back_button.clicked.connect(self.back_requested)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.retranslate()

    def show_volunteers(
        self,
        volunteers: list[VolunteerInfo],
        leaders: set[str],
        badges: dict[str, BadgeInfo] | None = None,
        setup_codes: dict[str, SetupCode] | None = None,
    ) -> None:
        """The roster; `leaders` are the volunteers who log in as team leaders, `badges` each
        volunteer's newest badge, `setup_codes` the centre's codes still waiting to be used
        (the admin can tell the volunteer to choose their PIN with it at 首次设置密码)."""
        self._volunteers = volunteers
        self._leaders = leaders
        self._badges = badges or {}
        self._setup_codes = setup_codes or {}
        self.table.clearSelection()
        self._fill()

    def selected(self) -> VolunteerInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._volunteers):
            return None
        return self._volunteers[rows[0].row()]

    def select(self, volunteer_id: str) -> None:
        for row, volunteer in enumerate(self._volunteers):
            if volunteer.id == volunteer_id:
                self.table.selectRow(row)

    def _fill(self) -> None:
        self.table.setRowCount(len(self._volunteers))
        for row, volunteer in enumerate(self._volunteers):
            status = self.tr("Active") if volunteer.active else self.tr("Deactivated")
            if volunteer.id in self._leaders:
                status += " · " + words.label(words.ROLES, "team_leader", self.lang)
            code = self._setup_codes.get(volunteer.id)
            if code is not None and volunteer.active:
                status += " · " + self._setup_text(code)
            cells = [
                volunteer.name,
                volunteer.number,
                volunteer.masked_phone,
                status,
                self._badge_text(self._badges.get(volunteer.id)),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, cell(text))
        self._update_buttons()

    def _setup_text(self, code: SetupCode) -> str:
        """ "Setup code waiting (until 2026-12-13)", or expired: the centre must issue another."""
        if code.expired:
            return self.tr("Setup code expired")
        return self.tr("Setup code waiting (until %1)").replace("%1", f"{code.until:%Y-%m-%d}")

    def _badge_text(self, badge: BadgeInfo | None) -> str:
        """ "No badge", or the serial with its last day, or its state (revoked, with why)."""
        if badge is None:
            return self.tr("No badge")
        if badge.status == "current":
            valid = self.tr("valid to %1").replace("%1", f"{badge.expires_on:%Y-%m-%d}")
            return f"{badge.serial} · {valid}"
        state = words.label(words.BADGE_STATUSES, badge.status, self.lang)
        if badge.revoked_reason:
            reason = words.label(words.BADGE_REVOKE_REASONS, badge.revoked_reason, self.lang)
            state = f"{state}（{reason}）" if self.lang == "zh" else f"{state} ({reason})"
        return f"{badge.serial} · {state}"

    @Slot()
    def _update_buttons(self) -> None:
        chosen = self.selected()
        for action_button in self.action_buttons.values():
            action_button.setEnabled(chosen is not None and chosen.active)
        badge = self._badges.get(chosen.id) if chosen is not None else None
        has_badge = badge is not None and badge.status in ("current", "expired")
        if not has_badge:
            self.action_buttons["revoke_badge"].setEnabled(False)
        self.action_buttons["badge"].setText(
            self.tr("Reprint badge") if has_badge else self.tr("Print badge")
        )
        leader = chosen is not None and chosen.id in self._leaders
        self.action_buttons["team_leader"].setText(
            self.tr("Remove team leader") if leader else self.tr("Make team leader")
        )

    def _on_action(self, key: str) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.notice.clear()
            if key == "team_leader" and chosen.id in self._leaders:
                key = "remove_leader"
            self.action_requested.emit(key, chosen.id)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Volunteers"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("No."),
                self.tr("Phone"),
                self.tr("Status"),
                self.tr("Badge"),
            ]
        )
        self.add_button.setText(self.tr("Add a volunteer"))
        self.action_buttons["deactivate"].setText(self.tr("Deactivate"))
        self.action_buttons["reset_pin"].setText(self.tr("Reset PIN"))
        self.action_buttons["revoke_badge"].setText(self.tr("Revoke badge"))
        self.hint.setText(self.tr("Tap a volunteer in the list, then an action."))
        self.back_button.setText(self.tr("Back"))
        self.notice.set_language(self.lang)
        self._fill()

    def reset(self) -> None:
        self._volunteers = []
        self._leaders = set()
        self._badges = {}
        self.table.setRowCount(0)
        self.notice.clear()
