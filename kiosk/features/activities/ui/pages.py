"""The activity pages: the list and the form behind the admin PIN, an activity's sheet (who
signed in, who is still expected, its acts), and the sign-in page left on screen for the
members (badge scan, phone + PIN, or the QR code on their own phone).

The pages only show and ask: the flow calls the service.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.core.errors import KioskError
from kiosk.features.activities.domain import ActivityKind
from kiosk.features.activities.service import ActivityView, Sheet
from kiosk.features.volunteers.ui.duty_entry import DutyPhonePage
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.pages.entry import KeypadPage
from kiosk.platform.ui.pages.field_form import FieldFormPage
from kiosk.platform.ui.qr import qr_pixmap
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button
from kiosk.platform.ui.widgets.message import BilingualMessage

ROWS = 5  # activities listed (today's and upcoming: a station has a few a month)
FIELDS = ("title", "place", "day", "starts", "ends", "invited")
QR_PX = 220


def when(view: ActivityView, lang: str) -> str:
    """ "12-20 09:00–11:00" in station time."""
    return f"{view.starts_at:%m-%d %H:%M}–{view.ends_at:%H:%M}"


def state_text(view: ActivityView, lang: str) -> str:
    zh = lang == "zh"
    if view.cancelled:
        return "已取消" if zh else "Cancelled"
    if view.credited_minutes is not None:
        hours = f"{view.credited_minutes / 60:.1f}"
        return f"已记时长 {hours} 小时" if zh else f"{hours} h credited"
    if view.open_now:
        return "签到中" if zh else "Sign-in open"
    return ""


def counts_text(view: ActivityView, lang: str) -> str:
    if view.invited:
        return (
            f"已签到 {view.signed} / 应到 {view.invited}"
            if lang == "zh"
            else f"Signed in {view.signed} of {view.invited}"
        )
    return f"已签到 {view.signed} 人" if lang == "zh" else f"Signed in: {view.signed}"


class ActivityListPage(Page):
    """Signals: opened(str) an activity; new_requested(); back_requested()."""

    opened = Signal(str)
    new_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.activities: list[ActivityView] = []
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.empty = QLabel()
        self.empty.setProperty("role", "lead")
        self.rows = []
        column = QVBoxLayout()
        column.setSpacing(12)
        for index in range(ROWS):
            row = button("", "", height=96)
            row.setObjectName(f"activity_row_{index}")
            row.clicked.connect(partial(self._on_row, index))
            column.addWidget(row)
            self.rows.append(row)
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("activities_back")
        self.new_button = button("primary", "", height=88)
        self.new_button.setObjectName("activities_new")
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addLayout(column)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.retranslate()

    def show_activities(self, activities: list[ActivityView]) -> None:
        self.activities = activities[:ROWS]
        self.retranslate()

    def _on_row(self, index: int) -> None:
        if index < len(self.activities):
            self.opened.emit(self.activities[index].id)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Activities and meetings"))
        self.empty.setText(self.tr("No activity today or coming up. Tap New to create one."))
        self.empty.setVisible(not self.activities)
        for index, row in enumerate(self.rows):
            if index < len(self.activities):
                view = self.activities[index]
                parts = [view.title, when(view, self.lang), view.place]
                parts += [counts_text(view, self.lang), state_text(view, self.lang)]
                row.setText("  ·  ".join(p for p in parts if p))
                row.setVisible(True)
            else:
                row.setVisible(False)
        self.back_button.setText(self.tr("Back"))
        self.new_button.setText(self.tr("New activity"))

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))


class ActivityFormPage(FieldFormPage):
    """A new activity: its kind, then name and place (typed in the page's language), the day
    and times (station time), and the volunteer numbers invited (empty: everyone)."""

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(
            language,
            theme,
            name="activity",
            choices=[k.value for k in ActivityKind],
            fields=FIELDS,
            chinese=frozenset({"title", "place"}),
            max_length=200,
            columns=4,  # one row: six fields and the keyboard's field fit in large type too
            parent=parent,
        )
        self.retranslate()

    def heading(self) -> str:
        return self.tr("New activity")

    def choice_label(self, kind: str) -> str:
        return words.label(words.ACTIVITY_KINDS, kind, self.lang)

    def field_labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Name"),
            "place": self.tr("Place"),
            "day": self.tr("Day (YYYY-MM-DD)"),
            "starts": self.tr("Starts (HH:MM)"),
            "ends": self.tr("Ends (HH:MM)"),
            "invited": self.tr("Invited: volunteer numbers (empty: everyone)"),
        }


class ActivityPage(Page):
    """An activity's sheet: when and where, who signed in (in order, with the time), who is
    still expected; Open sign-in, Credit hours, Save PDF, Cancel the activity, Back."""

    sign_in_requested = Signal()
    credit_requested = Signal()
    pdf_requested = Signal()
    cancel_requested = Signal()
    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.sheet: Sheet | None = None
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.info = QLabel()
        self.info.setProperty("role", "lead")
        self.info.setWordWrap(True)
        self.signed = QLabel()
        self.signed.setObjectName("activity_signed")
        self.signed.setWordWrap(True)
        self.signed.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.absent = QLabel()
        self.absent.setObjectName("activity_absent")
        self.absent.setProperty("role", "lead")
        self.absent.setWordWrap(True)
        self.message = BilingualMessage("lead", center=False)
        self.message.clear()
        self.sign_in_button = button("primary", "badge", "#FFFFFF", height=88)
        self.sign_in_button.setObjectName("activity_sign_in")
        self.credit_button = button("", "clock", theme.palette.icon, height=88)
        self.credit_button.setObjectName("activity_credit")
        self.pdf_button = button("", "folder", theme.palette.icon, height=88)
        self.pdf_button.setObjectName("activity_pdf")
        self.cancel_button = button("danger", "", height=88)
        self.cancel_button.setObjectName("activity_cancel")
        self.back_button = button("", "back", theme.palette.icon, height=88)
        self.back_button.setObjectName("activity_back")
        acts = QGridLayout()
        acts.setSpacing(12)
        acts.addWidget(self.sign_in_button, 0, 0)
        acts.addWidget(self.credit_button, 0, 1)
        acts.addWidget(self.pdf_button, 1, 0)
        acts.addWidget(self.cancel_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.info)
        layout.addWidget(self.signed, 1)
        layout.addWidget(self.absent)
        layout.addWidget(self.message)
        layout.addLayout(acts)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.credit_button.clicked.connect(self.credit_requested)
        self.pdf_button.clicked.connect(self.pdf_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def show_sheet(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.message.clear()
        self.retranslate()

    def show_message(self, zh: str, en: str, tone: str = "success") -> None:
        self.message.show_message(zh, en, self.lang, tone)

    def show_error(self, error: KioskError) -> None:
        self.message.show_message(error.zh, error.en, self.lang, "error")

    def retranslate(self) -> None:
        zh = self.lang == "zh"
        sheet = self.sheet
        if sheet is not None:
            view = sheet.activity
            self.title.setText(view.title)
            kind = words.label(words.ACTIVITY_KINDS, view.kind, self.lang)
            parts = [kind, when(view, self.lang), view.place, counts_text(view, self.lang)]
            parts.append(state_text(view, self.lang))
            self.info.setText("  ·  ".join(p for p in parts if p))
            sep = "、" if zh else ", "
            lines = [
                f"{line.name}（{line.number}）{line.signed_at:%H:%M}"
                if zh
                else f"{line.name} ({line.number}) {line.signed_at:%H:%M}"
                for line in sheet.signed
                if line.signed_at is not None
            ]
            self.signed.setText(
                self.tr("Signed in: %1").replace("%1", sep.join(lines))
                if lines
                else self.tr("Nobody has signed in yet.")
            )
            absent = sep.join(line.name for line in sheet.absent)
            self.absent.setText(self.tr("Not signed in: %1").replace("%1", absent))
            self.absent.setVisible(bool(sheet.absent))
            self.sign_in_button.setEnabled(view.open_now)
            done = view.cancelled or view.credited_minutes is not None
            self.credit_button.setEnabled(not done)
            self.cancel_button.setEnabled(not done)
        self.sign_in_button.setText(self.tr("Open sign-in"))
        self.credit_button.setText(self.tr("Credit hours"))
        self.pdf_button.setText(self.tr("Save sheet as PDF"))
        self.cancel_button.setText(self.tr("Cancel activity"))
        self.back_button.setText(self.tr("Back"))
        self.message.set_language(self.lang)

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.message.clear()


class SignInPage(Page):
    """Left on screen for the members: scan your badge, or Phone + PIN, or scan the code with
    your own phone; the count and who just signed in. Close goes back to the sheet."""

    phone_requested = Signal()
    close_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.view: ActivityView | None = None
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.title.setWordWrap(True)
        self.info = QLabel()
        self.info.setProperty("role", "lead")
        self.info.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("activity_count")
        self.count.setProperty("role", "headline")
        self.hint = QLabel()
        self.hint.setProperty("role", "lead")
        self.hint.setWordWrap(True)
        self.notice = BilingualMessage("lead", center=False)
        self.notice.clear()
        self.qr = QLabel()
        self.qr.setObjectName("activity_qr")
        self.qr.setFixedSize(QR_PX, QR_PX)
        self.qr_caption = QLabel()
        self.qr_caption.setProperty("role", "muted")
        self.qr_caption.setWordWrap(True)
        self.qr_caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.phone_button = button("primary", "phone", "#FFFFFF", height=96)
        self.phone_button.setObjectName("activity_phone_pin")
        self.close_button = button("", "back", theme.palette.icon, height=88)
        self.close_button.setObjectName("activity_close_sign_in")
        left = QVBoxLayout()
        left.setSpacing(14)
        left.addWidget(self.title)
        left.addWidget(self.info)
        left.addWidget(self.count)
        left.addWidget(self.hint)
        left.addWidget(self.notice)
        left.addStretch(1)
        left.addWidget(self.phone_button)
        right = QVBoxLayout()
        right.addStretch(1)
        right.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.qr_caption)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.close_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(body, 1)
        layout.addLayout(bottom)
        self.phone_button.clicked.connect(self.phone_requested)
        self.close_button.clicked.connect(self.close_requested)
        self.retranslate()

    def show_activity(self, view: ActivityView, link: str) -> None:
        """The sheet of `view`; `link` is its phone page ("": stand-alone, no code)."""
        self.view = view
        self.notice.clear()
        if link:
            self.qr.setPixmap(qr_pixmap(link, QR_PX))
            self.qr.setAccessibleDescription(link)
        self.qr.setVisible(bool(link))
        self.qr_caption.setVisible(bool(link))
        self.retranslate()

    def signed(self, view: ActivityView, zh: str, en: str) -> None:
        self.view = view
        self.retranslate()
        self.notice.show_message(zh, en, self.lang, "success")

    def show_error(self, error: KioskError) -> None:
        self.notice.show_message(error.zh, error.en, self.lang, "error")

    def retranslate(self) -> None:
        view = self.view
        if view is not None:
            self.title.setText(self.tr("Sign in: %1").replace("%1", view.title))
            self.info.setText("  ·  ".join(p for p in (when(view, self.lang), view.place) if p))
            self.count.setText(counts_text(view, self.lang))
        self.hint.setText(
            self.tr("Scan your badge, or tap Phone + PIN, or scan the code with your own phone.")
            if self.qr.isVisibleTo(self)
            else self.tr("Scan your badge, or tap Phone + PIN.")
        )
        self.qr_caption.setText(self.tr("Sign in on your own phone"))
        self.phone_button.setText(self.tr("Phone + PIN"))
        self.close_button.setText(self.tr("Close sign-in"))
        self.notice.set_language(self.lang)

    def theme_changed(self) -> None:
        self.close_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        self.notice.clear()


class SignInPhonePage(DutyPhonePage):
    """Sign in with phone then PIN (or a badge scan here too)."""

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("Sign in"))
        self.hint.setText(self.tr("Scan your badge, or enter your phone number."))
        self.detail.setText(self.tr("Then your PIN. Every volunteer of the station may sign in."))


class CreditPage(KeypadPage):
    """The minutes credited to each who signed in (filled with the activity's length)."""

    ICON = "clock"

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, masked=False, max_length=3, parent=parent)
        self.people = 0
        self.retranslate()

    def start(self, minutes: int, people: int) -> None:
        self.people = people
        self.keypad.clear()
        for digit in str(minutes):
            self.keypad.press(digit)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.back_button.setText(self.tr("Back"))
        self.title.setText(self.tr("Credit hours"))
        self.hint.setText(
            self.tr("Minutes for each of the %1 who signed in; OK to record.").replace(
                "%1", str(self.people)
            )
        )
        self.detail.setText(
            self.tr(
                "Recorded as service time over the activity; those on a shift then are not"
                " counted twice."
            )
        )
        self.keypad.set_placeholder(self.tr("Minutes"))
