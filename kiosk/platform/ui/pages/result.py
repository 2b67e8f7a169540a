"""The result of a clocking (or an error): big and clear, then back home after a few seconds."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.outcomes import Outcome, Tone
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button, repolish


class ResultPage(Page):
    """Signals:
    finished(): Done pressed or the countdown ran out.
    cancel_requested(str): cancel the check-in of this shift id.
    check_out_requested(str): check this shift out although it is short.
    """

    finished = Signal()
    cancel_requested = Signal(str)
    check_out_requested = Signal(str)

    def __init__(
        self,
        language: LanguageSwitch,
        theme: Theme,
        timeout_s: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._timeout_s = timeout_s
        self._left = 0
        self._outcome: Outcome | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel()
        self.headline.setObjectName("result_headline")
        self.headline.setProperty("role", "headline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        self.other = QLabel()
        self.other.setObjectName("result_other")
        self.other.setProperty("role", "other-language")
        self.other.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.other.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("result_detail")
        self.detail.setProperty("role", "lead")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setProperty("role", "muted")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.card = QFrame()
        self.card.setProperty("card", True)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(70, 56, 70, 56)
        inner.setSpacing(20)
        inner.addWidget(self.icon_label)
        inner.addWidget(self.headline)
        inner.addWidget(self.other)
        inner.addSpacing(8)
        inner.addWidget(self.detail)

        self.done_button = button("primary", height=104)
        self.done_button.setObjectName("result_done")
        self.done_button.setMinimumWidth(360)
        self.cancel_button = button("", height=104)
        self.cancel_button.setObjectName("offer_cancel")
        self.checkout_button = button("", height=104)
        self.checkout_button.setObjectName("offer_checkout")
        self.stay_button = button("primary", height=104)
        self.stay_button.setObjectName("offer_stay")
        self.follow_button = button("", height=104)  # the outcome's next step, if it has one
        self.follow_button.setObjectName("result_follow_up")
        buttons = QHBoxLayout()
        buttons.setSpacing(28)
        buttons.addStretch(1)
        for each in (
            self.cancel_button,
            self.checkout_button,
            self.stay_button,
            self.follow_button,
            self.done_button,
        ):
            each.setMinimumWidth(320)
            buttons.addWidget(each)
        buttons.addStretch(1)

        center = QHBoxLayout()
        center.addStretch(1)
        center.addWidget(self.card, 6)
        center.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 40)
        layout.setSpacing(36)
        layout.addStretch(1)
        layout.addLayout(center)
        layout.addLayout(buttons)
        layout.addWidget(self.countdown)
        layout.addStretch(1)

        self.done_button.clicked.connect(self._on_done)
        self.stay_button.clicked.connect(self._on_done)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.checkout_button.clicked.connect(self._on_checkout)
        self.follow_button.clicked.connect(self._on_follow_up)
        self._set_offer(False)
        self.retranslate()

    @property
    def outcome(self) -> Outcome | None:
        return self._outcome

    def show_outcome(self, outcome: Outcome) -> None:
        self._outcome = outcome
        self._set_offer(bool(outcome.offer_cancel_shift))
        for label in (self.headline, self.icon_label):
            label.setProperty("tone", outcome.tone.value)
            repolish(label)
        self.theme_changed()
        self._left = self._timeout_s
        self._tick.start()
        self.retranslate()

    def _set_offer(self, offer: bool) -> None:
        follow = self._outcome is not None and self._outcome.follow_up is not None
        self.follow_button.setVisible(follow and not offer)
        self.cancel_button.setVisible(offer)
        self.checkout_button.setVisible(offer)
        self.stay_button.setVisible(offer)
        self.done_button.setVisible(not offer)

    def _tone_color(self, tone: Tone) -> str:
        palette = self.theme.palette
        return {
            Tone.SUCCESS: palette.success,
            Tone.INFO: palette.info,
            Tone.QUESTION: palette.warn,
            Tone.ERROR: palette.error,
        }[tone]

    def theme_changed(self) -> None:
        if self._outcome is not None:
            color = self._tone_color(self._outcome.tone)
            self.icon_label.setPixmap(icons.pixmap(self._outcome.icon, 120, color))

    def retranslate(self) -> None:
        self.done_button.setText(self.tr("Done"))
        self.cancel_button.setText(self.tr("Cancel check-in"))
        self.checkout_button.setText(self.tr("Check out anyway"))
        self.stay_button.setText(self.tr("Stay on duty"))
        outcome = self._outcome
        if outcome is not None and outcome.follow_up is not None:
            self.follow_button.setText(outcome.follow_up.text(self.lang))
        if outcome is not None:
            other = self.language.other()
            self.headline.setText(outcome.title(self.lang))
            self.other.setText(outcome.title(other))
            self.detail.setText(outcome.detail(self.lang))
        self._show_countdown()

    def _show_countdown(self) -> None:
        if self._tick.isActive():
            self.countdown.setText(self.tr("Back to the home screen in %n s", "", self._left))
        else:
            self.countdown.setText("")

    def reset(self) -> None:
        self._tick.stop()
        self._outcome = None
        for label in (self.headline, self.other, self.detail, self.countdown):
            label.clear()
        self.icon_label.clear()
        self._set_offer(False)

    @Slot()
    def _on_follow_up(self) -> None:
        outcome = self._outcome
        if outcome is None or outcome.follow_up is None:
            return
        self._tick.stop()
        outcome.follow_up.act()

    @Slot()
    def _on_tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._tick.stop()
            self.finished.emit()
            return
        self._show_countdown()

    @Slot()
    def _on_done(self) -> None:
        self._tick.stop()
        self.finished.emit()

    @Slot()
    def _on_cancel(self) -> None:
        if self._outcome is not None:
            self._tick.stop()
            self.cancel_requested.emit(self._outcome.offer_cancel_shift)

    @Slot()
    def _on_checkout(self) -> None:
        if self._outcome is not None:
            self._tick.stop()
            self.check_out_requested.emit(self._outcome.offer_cancel_shift)
