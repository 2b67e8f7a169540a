"""The lists flow: a button on the wishes' first page ("Our lists · 本月完成 N 项") opens the
station's three lists; Back returns to the wishes. Read only: the centre records the lists
(docs/lists.md), the kiosk shows what its station's feed brought."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QPushButton

from kiosk.core import words
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.util import button

if TYPE_CHECKING:
    from kiosk.features.lists.service import ListsService
    from kiosk.features.lists.ui.page import ListsPage
    from kiosk.features.requests.ui.flow import RequestFlow
    from kiosk.features.wishes.ui.flow import WishFlow
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")


class ListsServices(Protocol):
    """What the lists flow needs of the kiosk's services."""

    def get(self, kind: type[T]) -> T: ...


class ListsFlow(Flow):
    """Owns the lists page (built on first use) and its button on the wishes' page."""

    def __init__(self, navigator: Navigator, services: ListsServices) -> None:
        super().__init__(navigator)
        self._services = services
        self.wishes_button: QPushButton | None = None
        navigator.language.changed.connect(lambda _language: self._retranslate())

    @property
    def _lists(self) -> ListsService:
        from kiosk.features.lists.service import ListsService

        return self._services.get(ListsService)

    def started(self) -> None:
        """Every flow exists: put the lists' button on the wishes' first page, where a
        traveller who wants something done looks."""
        action = button("", "chart", self._nav.theme.palette.icon, height=96)
        action.setObjectName("wishes_lists")
        action.clicked.connect(self.open)
        self.wishes_button = action
        self._retranslate()
        cast("WishFlow", self._nav.flow("wishes")).add_start_action(action)
        cast("RequestFlow", self._nav.flow("requests")).add_status_note(self._project_note)

    def _project_note(self, view: object) -> tuple[str, str] | None:
        """A looked-up wish that is part of a project: the project and its status."""
        from kiosk.features.wishes.service import WishView

        if not isinstance(view, WishView):
            return None
        project = self._lists.project_of_wish(view.id)
        if project is None:
            return None
        zh = words.label(words.PROJECT_STATUSES, project.status, "zh")
        en = words.label(words.PROJECT_STATUSES, project.status, "en")
        return (
            f"您的心愿已纳入服务项目：{project.title}（项目{zh}）",
            f"Your wish is part of a service project: {project.title} ({en.lower()})",
        )

    def _retranslate(self) -> None:
        if self.wishes_button is not None:
            self.wishes_button.setText(self.tr("Our lists"))

    @lazy_page
    def page(self) -> ListsPage:
        from kiosk.features.lists.ui.page import ListsPage

        page = ListsPage(self._nav.language, self._nav.theme)
        page.back_requested.connect(self._on_back)
        return page

    @Slot()
    def open(self) -> None:
        """The station's lists as they stand now."""
        page = self.page
        page.show_lists(self._lists.lists())
        self._nav.show_page(page)

    def on_status_refresh(self) -> None:
        """The status timer: a pull may have brought the centre's changes; an open page reads
        them again (nobody is typing on it)."""
        page = ListsFlow.page.built(self)
        if page is not None and page.isVisible():
            page.show_lists(self._lists.lists())

    @Slot()
    def _on_back(self) -> None:
        cast("WishFlow", self._nav.flow("wishes")).open()
