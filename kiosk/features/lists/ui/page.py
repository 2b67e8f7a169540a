"""The station's three lists as travellers read them: what was done this month in large type,
then the needs, the resources member units offer, and the projects matching them, side by
side, a few of each (the newest), with how many more there are."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.core import words
from kiosk.features.lists.service import Lists
from kiosk.platform.ui import icons
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.util import button

ROWS = 5  # entries shown per list; the rest are counted


class ListsPage(Page):
    """Signals:
    back_requested(): back where the traveller came from.
    """

    back_requested = Signal()

    def __init__(self, language: LanguageSwitch, theme: Theme, parent: QWidget | None = None):
        super().__init__(language, theme, parent)
        self.lists: Lists | None = None
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.progress = QLabel()
        self.progress.setObjectName("lists_progress")
        self.progress.setProperty("role", "headline")
        self.progress.setWordWrap(True)
        self.figures = QLabel()
        self.figures.setObjectName("lists_figures")
        self.figures.setProperty("role", "lead")
        self.figures.setWordWrap(True)
        self.headings: dict[str, QLabel] = {}
        self.rows: dict[str, QLabel] = {}
        columns = QHBoxLayout()
        columns.setSpacing(28)
        for key in ("needs", "resources", "projects"):
            heading = QLabel()
            heading.setProperty("role", "section")
            heading.setObjectName(f"lists_{key}_title")
            body = QLabel()
            body.setObjectName(f"lists_{key}")
            body.setProperty("role", "lead")
            body.setWordWrap(True)
            body.setTextFormat(Qt.TextFormat.PlainText)
            body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            column = QVBoxLayout()
            column.setSpacing(8)
            column.addWidget(heading)
            column.addWidget(body, 1)
            columns.addLayout(column, 1)
            self.headings[key], self.rows[key] = heading, body
        self.back_button = button("", "back", theme.palette.icon, height=96)
        self.back_button.setObjectName("lists_back")
        self.back_button.setMinimumWidth(280)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 28, 64, 28)
        layout.setSpacing(14)
        layout.addWidget(self.title)
        layout.addWidget(self.progress)
        layout.addWidget(self.figures)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self.back_button.clicked.connect(self.back_requested)
        self.retranslate()

    def show_lists(self, lists: Lists) -> None:
        self.lists = lists
        self.retranslate()

    def _more(self, count: int) -> str:
        return self.tr("… %n more", "", count - ROWS) if count > ROWS else ""

    def _fill(self) -> None:
        lists, lang = self.lists, self.lang
        if lists is None:
            return
        c = lists.counts
        self.progress.setText(
            self.tr("Wishes fulfilled this month: %n", "", c.needs_met_this_month)
        )
        self.figures.setText(
            self.tr(
                "Needs waiting: %1 · in a project: %2 · met: %3 · member units: %4 · "
                "projects done this month: %5"
            )
            .replace("%1", str(c.needs["open"]))
            .replace("%2", str(c.needs["linked"]))
            .replace("%3", str(c.needs["done"]))
            .replace("%4", str(c.units))
            .replace("%5", str(c.done_this_month))
        )
        nothing = self.tr("None yet")
        needs = [
            f"• {n.title}（{words.label(words.NEED_STATES, n.state, lang)}）"
            if lang == "zh"
            else f"• {n.title} ({words.label(words.NEED_STATES, n.state, lang)})"
            for n in lists.needs[:ROWS]
        ]
        resources = []
        for r in lists.resources[:ROWS]:
            amount = f" {r.quantity}{' ' if lang == 'en' else ''}{r.measure}" if r.quantity else ""
            kind = words.label(words.RESOURCE_KINDS, r.kind, lang)
            resources.append(f"• {r.unit} · {kind} · {r.description}{amount}")
        projects = [
            f"• {p.title} · {words.label(words.PROJECT_STATUSES, p.status, lang)}"
            f"\n   {p.starts_on} – {p.ends_on} · {p.owner}"
            for p in lists.projects[:ROWS]
        ]
        for key, lines, count in (
            ("needs", needs, len(lists.needs)),
            ("resources", resources, len(lists.resources)),
            ("projects", projects, len(lists.projects)),
        ):
            more = self._more(count)
            self.rows[key].setText("\n".join([*lines, more] if more else lines) or nothing)

    def retranslate(self) -> None:
        self.title.setText(self.tr("The station's three lists"))
        self.headings["needs"].setText(self.tr("Needs list"))
        self.headings["resources"].setText(self.tr("Resources list"))
        self.headings["projects"].setText(self.tr("Projects list"))
        self.back_button.setText(self.tr("Back"))
        self._fill()

    def spoken_text(self) -> str:
        """Read aloud: the title, the month's progress and the counts (not every entry)."""
        stop = "。" if self.lang == "zh" else ". "
        return stop.join(label.text() for label in (self.title, self.progress, self.figures))

    def theme_changed(self) -> None:
        self.back_button.setIcon(icons.icon("back", 40, self.theme.palette.icon))

    def reset(self) -> None:
        """Nothing personal is shown; the lists are read again when the page opens."""
