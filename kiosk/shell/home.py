"""Home: a big tile for every service, the volunteer check-in button and the on-duty board.

Built before the database is open (start-up budget), so it takes the catalogue and is handed the
on-duty rows later by the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.features.announcements.ui.notices import NoticeStrip
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.features.medicine.ui.alerts import AlertStrip
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme

if TYPE_CHECKING:  # no service module (SQLAlchemy, pydantic) before the first paint
    from kiosk.features.announcements.domain import Announcement
    from kiosk.features.medicine.service import AlertLine
from kiosk.platform.ui.util import repolish

COLUMNS = 5
BOARD_ROWS = 6
_IN_SEASON = ("当季推荐", "In season")


MIN_TILE_ICON = 28  # px: a tile icon smaller than this is not worth the name's room


class ServiceTile(QPushButton):
    """One service: a line icon over its name, the whole tile is the target."""

    def __init__(self, item: ServiceItem, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self._theme = theme
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(180, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label.setWordWrap(True)
        # What a lending tile has left ("剩 3 把伞"): hidden on other tiles.
        self.note_label = QLabel()
        self.note_label.setObjectName("tile_note")
        self.note_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note_label.setVisible(False)
        self._note: tuple[str, str] | None = None
        # The seasonal preset in season (rain: umbrellas): a badge and a highlighted frame.
        # Beside the icon, not on a row of its own: in large type a fourth row squeezed the icon.
        self.season_label = QLabel()
        self.season_label.setObjectName("tile_season")
        self.season_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.season_label.setVisible(False)
        self.seasonal = False
        self._column = layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 12)
        layout.setSpacing(10)
        layout.addStretch(1)
        icon_row = QHBoxLayout()
        icon_row.setSpacing(10)
        icon_row.addStretch(1)
        icon_row.addWidget(self.icon_label)
        icon_row.addWidget(self.season_label, 0, Qt.AlignmentFlag.AlignVCenter)
        icon_row.addStretch(1)
        layout.addLayout(icon_row)
        layout.addWidget(self.name_label)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        for label in (self.icon_label, self.name_label, self.note_label, self.season_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.theme_changed()

    def theme_changed(self) -> None:
        self._icon_size = 0
        self.name_label.ensurePolished()
        self._layout_name()
        self._fit_icon()

    def _fit_icon(self) -> None:
        """The theme's icon size, smaller when the name and a note need the room: in large type
        a lending tile's three lines pushed its icon out of the top of the tile."""
        full = self._theme.sizes.tile_icon
        margins = self._column.contentsMargins()
        room = self.height() - margins.top() - margins.bottom()
        width = max(1, self.width() - margins.left() - margins.right())
        texts = self.name_label.heightForWidth(width)
        lines = 2
        if self.note_label.isVisibleTo(self):
            texts += self.note_label.sizeHint().height()
            lines = 3
        spare = room - texts - self._column.spacing() * (lines - 1)
        size = full if self.height() <= 0 or spare >= full else spare
        self.icon_label.setVisible(size >= MIN_TILE_ICON)  # too small to read: the name wins
        if size >= MIN_TILE_ICON and size != self._icon_size:
            self._icon_size = size
            self.icon_label.setPixmap(icons.pixmap(self.item.icon, size, self._theme.palette.icon))

    def set_language(self, language: str) -> None:
        self._language = language
        self.setAccessibleName(self.item.name(language))
        self._layout_name()
        self.set_note(self._note)
        self.season_label.setText(_IN_SEASON[0] if language == "zh" else _IN_SEASON[1])

    def set_seasonal(self, seasonal: bool) -> None:
        """Highlight the tile: its service belongs to the seasonal preset in season."""
        self.seasonal = seasonal
        self.setProperty("seasonal", seasonal)
        self.season_label.setVisible(seasonal)
        self.style().unpolish(self)
        self.style().polish(self)

    def set_note(self, note: tuple[str, str] | None) -> None:
        """A short line under the name, (zh, en); None hides it."""
        self._note = note
        self.note_label.setVisible(note is not None)
        if note is not None:
            self.note_label.setText(
                note[0] if getattr(self, "_language", "zh") == "zh" else note[1]
            )
        self._fit_icon()

    def _layout_name(self) -> None:
        """Break a long name at its " / " separators rather than mid-word when it overflows."""
        name = self.item.name(getattr(self, "_language", "zh"))
        room = self.width() - 44
        metrics = self.name_label.fontMetrics()
        parts = name.split(" / ")
        if len(parts) > 1 and metrics.horizontalAdvance(name) > room:
            lines: list[str] = []  # as many parts on a line as fit, a line per part at worst
            for part in parts:
                joined = f"{lines[-1]} / {part}" if lines else part
                if lines and metrics.horizontalAdvance(joined + " /") <= room:
                    lines[-1] = joined
                else:
                    lines.append(part)
            name = " /\n".join(lines)
        self.name_label.setText(name)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout_name()
        self._fit_icon()

    def sizeHint(self) -> QSize:
        return QSize(240, 190)


class CheckInButton(QPushButton):
    """The volunteer entry point, larger than any tile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkin")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumHeight(180)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(icons.pixmap("badge", 84, "#FFFFFF"))
        self.title = QLabel()
        self.title.setProperty("role", "lead")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setProperty("role", "muted")
        self.subtitle.setWordWrap(True)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addStretch(1)
        text.addWidget(self.title)
        text.addWidget(self.subtitle)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(28, 16, 24, 16)
        layout.setSpacing(22)
        layout.addWidget(self.icon_label)
        layout.addLayout(text, 1)
        for label in (self.icon_label, self.title, self.subtitle):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


class _BoardRow(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardrow")
        self.name_label = QLabel()
        self.name_label.setProperty("role", "lead")
        self.number_label = QLabel()
        self.number_label.setProperty("role", "muted")
        self.since_label = QLabel()
        self.since_label.setProperty("role", "muted")
        self.since_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 10, 0, 10)
        line.setSpacing(14)
        line.addWidget(self.name_label)
        line.addWidget(self.number_label)
        line.addStretch(1)
        line.addWidget(self.since_label)


class OnDutyBoard(QFrame):
    """Who is on duty and since when (local time); rows are plain tuples from the window.

    A fixed pool of row widgets is filled and hidden as needed: refreshing allocates nothing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.empty = QLabel()
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        self.more = QLabel()
        self.more.setProperty("role", "muted")
        self.rota = QLabel()  # 今日值班: planned vs checked in, shown when a rota exists
        self.rota.setObjectName("rota_today")
        self.rota.setProperty("role", "muted")
        self.rota.setVisible(False)
        self._rows: list[tuple[str, str, str]] | None = None
        self.row_widgets = [_BoardRow() for _ in range(BOARD_ROWS)]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.rota)
        for row in self.row_widgets:
            layout.addWidget(row)
            row.setVisible(False)
        layout.addWidget(self.empty)
        layout.addWidget(self.more)
        layout.addStretch(1)

    def set_rows(
        self, rows: list[tuple[str, str, str]] | None, since: str, empty: str, more: str
    ) -> None:
        """`rows` of (name, volunteer number, "08:02"); None while the database is opening."""
        self._rows = rows
        shown = (rows or [])[:BOARD_ROWS]
        for widget, row in zip(self.row_widgets, [*shown, *([None] * BOARD_ROWS)], strict=False):
            widget.setVisible(row is not None)
            if row is not None:
                name, number, at = row
                widget.name_label.setText(name)
                widget.number_label.setText(number)
                widget.since_label.setText(since.format(time=at))
        self.empty.setVisible(not shown)
        self.empty.setText(empty)
        extra = len(rows or []) - len(shown)
        self.more.setVisible(extra > 0)
        self.more.setText(more.format(count=extra))

    @property
    def rows(self) -> list[tuple[str, str, str]] | None:
        return self._rows

    def visible_names(self) -> list[str]:
        return [w.name_label.text() for w in self.row_widgets if not w.isHidden()]


class HomePage(Page):
    """Signals:
    service_chosen(str): the id of the tapped service.
    check_in_requested(): the volunteer button.
    queue_requested(): the open help requests badge (volunteers on duty).
    """

    service_chosen = Signal(str)
    check_in_requested = Signal()
    queue_requested = Signal()

    def __init__(
        self,
        catalogue: list[ServiceItem],
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        season: str | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self.tiles: list[ServiceTile] = []
        self._notes: dict[str, tuple[str, str]] = {}
        self._season = season
        grid = QGridLayout()
        grid.setSpacing(18)
        self._grid = grid
        self._fill_tiles(catalogue)

        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.subheading = QLabel()
        self.subheading.setProperty("role", "muted")
        self.served = QLabel()
        self.served.setObjectName("served_today")
        self.served.setProperty("role", "section")
        self.served.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._served: int | None = None
        self._rota = (0, 0, 0)
        # Discreet: staff glance at it; a rider never needs to act on it.
        self.overdue = QLabel()
        self.overdue.setObjectName("charging_overdue")
        self.overdue.setVisible(False)
        self._overdue = 0
        # Open help requests of the station; red when one is escalated. Hidden at zero.
        self.queue_button = QPushButton()
        self.queue_button.setObjectName("queue_button")
        self.queue_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.queue_button.setMinimumHeight(88)
        self.queue_button.setVisible(False)
        self.queue_button.clicked.connect(self.queue_requested)
        self._requests = (0, 0)
        heading_row = QHBoxLayout()
        heading_row.setSpacing(24)
        heading_row.addWidget(self.heading)
        heading_row.addStretch(1)
        heading_row.addWidget(self.overdue)
        heading_row.addWidget(self.served)
        left = QVBoxLayout()
        left.setSpacing(14)
        left.addLayout(heading_row)
        left.addWidget(self.subheading)
        # Staff alerts (medicine box, AED, daily check): a small strip, never in a rider's way.
        self.alerts = AlertStrip()
        self._alerts: list[AlertLine] = []
        left.addWidget(self.alerts)
        left.addLayout(grid, 1)

        self.check_in_button = CheckInButton()
        self.check_in_button.clicked.connect(self.check_in_requested)
        self.board = OnDutyBoard()
        right_box = QWidget()
        right_box.setFixedWidth(500)
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(22)
        # The centre's announcements for travellers: top right, where the volunteers' board has
        # room to give (above the tiles they would squeeze the grid in large type). Hidden if none.
        self.notices = NoticeStrip()
        self._notices: list[Announcement] = []
        right.addWidget(self.notices)
        right.addWidget(self.check_in_button)
        right.addWidget(self.queue_button)  # beside the volunteers' own entry, not the heading
        right.addWidget(self.board, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(30)
        layout.addLayout(left, 1)
        layout.addWidget(right_box)
        self.retranslate()

    def _fill_tiles(self, catalogue: list[ServiceItem]) -> None:
        for index, item in enumerate(catalogue):
            tile = ServiceTile(item, self.theme)
            if self._season is not None and item.season == self._season:
                tile.set_seasonal(True)
            tile.clicked.connect(lambda _=False, sid=item.id: self.service_chosen.emit(sid))
            self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            self.tiles.append(tile)

    @property
    def season(self) -> str | None:
        return self._season

    def set_catalogue(self, catalogue: list[ServiceItem], season: str | None = None) -> None:
        """Replace the tiles (a catalogue published by the hub arrived, or the season turned);
        the caller has put the services of `season` first."""
        self._season = season
        for tile in self.tiles:
            self._grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        self.tiles = []
        self._fill_tiles(catalogue)
        for tile in self.tiles:
            tile.set_language(self.lang)
            tile.set_note(self._notes.get(tile.item.id))
            tile.show()

    def set_tile_notes(self, notes: dict[str, tuple[str, str]]) -> None:
        """Lines under tiles by service id, (zh, en): what a lending tile has left."""
        self._notes = notes
        for tile in self.tiles:
            tile.set_note(notes.get(tile.item.id))

    def tile(self, service_id: str) -> ServiceTile | None:
        return next((t for t in self.tiles if t.item.id == service_id), None)

    def set_on_duty(self, rows: list[tuple[str, str, str]] | None) -> None:
        empty = self.tr("Loading…") if rows is None else self.tr("Nobody is on duty right now.")
        self.board.set_rows(rows, self.tr("since {time}"), empty, self.tr("and {count} more"))

    def set_rota_today(self, planned: int, came: int, missing: int = 0) -> None:
        """今日值班: shifts planned on the rota today, how many were checked into, and how many
        nobody checked into 15 minutes after the start (hidden when nothing is planned)."""
        self._rota = (planned, came, missing)
        self.board.rota.setVisible(planned > 0)
        text = self.tr("On duty today: {came} of {planned} planned checked in").format(
            came=came, planned=planned
        )
        if missing:
            text += self.tr(" · {missing} missing").format(missing=missing)
        self.board.rota.setText(text)

    def set_served(self, people: int | None) -> None:
        """People served today (人次); None until every feature is loaded (just after ready)."""
        self._served = people
        self.served.setVisible(people is not None)
        if people is not None:
            self.served.setText(self.tr("{count} served today").format(count=people))

    def set_overdue_charging(self, count: int) -> None:
        """Phones left charging past the overdue time (staff should look); hidden at zero."""
        self._overdue = count
        self.overdue.setVisible(count > 0)
        self.overdue.setText(self.tr("⚠ %1 phone(s) overdue at charging").replace("%1", str(count)))

    def set_alerts(self, alerts: list[AlertLine]) -> None:
        """Medicine box and AED alerts for volunteers; hidden when there are none."""
        self._alerts = alerts
        self.alerts.set_alerts(alerts, self.lang, self.tr("+{count} more alerts"))

    def set_announcements(self, notices: list[Announcement]) -> None:
        """The centre's announcements shown now (the service picks them by their time window)."""
        self._notices = notices
        self.notices.set_notices(notices, self.lang)

    def set_open_requests(self, count: int, escalated: int) -> None:
        """The badge: open help requests of the station, `escalated` of them urgent."""
        self._requests = (count, escalated)
        self.queue_button.setVisible(count > 0)
        text = self.tr("Help requests: %1").replace("%1", str(count))
        if escalated:
            text += "  ⚠ " + self.tr("%1 urgent").replace("%1", str(escalated))
        self.queue_button.setText(text)
        if self.queue_button.property("escalated") != bool(escalated):
            self.queue_button.setProperty("escalated", bool(escalated))
            repolish(self.queue_button)

    @property
    def open_requests(self) -> tuple[int, int]:
        return self._requests

    @property
    def overdue_charging(self) -> int:
        return self._overdue

    @property
    def served_today(self) -> int | None:
        return self._served

    def spoken_text(self) -> str:
        """Read aloud on home: the question, then the services a person can tap."""
        names = [tile.name_label.text() for tile in self.tiles if tile.isVisibleTo(self)]
        comma = "，" if self.lang == "zh" else ", "
        stop = "。" if self.lang == "zh" else ". "
        return self.heading.text() + stop + comma.join(names)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("How can we help?"))
        self.subheading.setText(self.tr("Tap a service to see where and when"))
        for tile in self.tiles:
            tile.set_language(self.lang)
        self.check_in_button.title.setText(self.tr("Volunteer check-in / out"))
        self.check_in_button.subtitle.setText(self.tr("Scan your badge, or use phone + PIN"))
        self.check_in_button.setAccessibleName(self.tr("Volunteer check-in / out"))
        self.board.title.setText(self.tr("Volunteers on duty"))
        self.set_on_duty(self.board.rows)
        self.set_served(self._served)
        self.set_rota_today(*self._rota)
        self.set_overdue_charging(self._overdue)
        self.set_alerts(self._alerts)
        self.set_announcements(self._notices)
        self.set_open_requests(*self._requests)

    def theme_changed(self) -> None:
        for tile in self.tiles:
            tile.theme_changed()
