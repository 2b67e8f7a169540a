"""Pages built on first use: every page in the window's stack costs start-up time, memory and a
share of each page switch, and most of a kiosk's pages are never opened on a given day.

`lazy_page` turns a builder method into an attribute: the first read builds the page, connects
its signals (the builder's job) and adds it to the window's stack through the owner's
`adopt_page`; later reads find the page in the instance's `__dict__` and cost nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from PySide6.QtWidgets import QStackedWidget, QWidget

if TYPE_CHECKING:
    from collections.abc import Callable


class PageOwner(Protocol):
    """Whoever owns lazily built pages: puts a freshly built page into the window's stack."""

    def adopt_page(self, page: QWidget) -> None: ...


Owner = TypeVar("Owner", bound=PageOwner)
P = TypeVar("P", bound=QWidget)


class lazy_page(Generic[Owner, P]):
    """A page attribute built by the decorated method on first read (see the module doc)."""

    def __init__(self, build: Callable[[Owner], P]) -> None:
        self._build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, owner: None, cls: type[Any]) -> lazy_page[Owner, P]: ...

    @overload
    def __get__(self, owner: Owner, cls: type[Any]) -> P: ...

    def __get__(self, owner: Owner | None, cls: type[Any]) -> P | lazy_page[Owner, P]:
        if owner is None:
            return self
        page = self._build(owner)
        vars(owner)[self.name] = page  # a plain attribute from now on
        owner.adopt_page(page)
        return page

    def built(self, owner: Owner) -> P | None:
        """The page if it has been built, without building it."""
        page: P | None = vars(owner).get(self.name)
        return page

    def is_current(self, owner: Owner) -> bool:
        """True when this page is built and is the one its stack shows (never builds it)."""
        page = self.built(owner)
        if page is None:
            return False
        stack = page.parentWidget()
        return isinstance(stack, QStackedWidget) and stack.currentWidget() is page


def build_all(owner: PageOwner) -> None:
    """Build every lazy page of `owner` (screenshots and the touch-rule test visit them all)."""
    for cls in type(owner).__mro__:
        for name, value in list(vars(cls).items()):
            if isinstance(value, lazy_page):
                getattr(owner, name)


def built_pages(owner: PageOwner) -> list[QWidget]:
    """The lazy pages of `owner` built so far (building none)."""
    found: list[QWidget] = []
    for cls in type(owner).__mro__:
        for value in vars(cls).values():
            if isinstance(value, lazy_page) and (page := value.built(owner)) is not None:
                found.append(page)
    return found
