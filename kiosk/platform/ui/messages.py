"""The message bridge (qutebrowser's `message` module, without its globals): how code that has no
widget of its own tells the person at the kiosk something, and `reports_errors`, the decorator
that takes user-caused errors out of slots, so no slot needs its own `try/except KioskError`.

A slot decorated with `@reports_errors` that raises a `KioskError` (a wrong code, a locked
keypad, a full disk) has the error shown: on the page named by `on=` (its error line) or, by
default, through its owner's `report_error` (a flow's: the result screen). Anything else is a
fault of ours and goes to the excepthook (logged, the calm "please ask a volunteer" screen).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar, overload

from PySide6.QtCore import QObject, Signal

from kiosk.core.errors import KioskError

P = ParamSpec("P")


class ReportsErrors(Protocol):
    """What `@reports_errors` needs of a slot's owner."""

    def report_error(self, error: KioskError) -> None: ...


Owner = TypeVar("Owner", bound=ReportsErrors)
Slot_ = Callable[Concatenate[Owner, P], None]


class MessageBridge(QObject):
    """Signals (safe to emit from any thread; shown on the GUI thread):
    error(object): a KioskError for the screen.
    info(str, str): a notice, zh and en.
    """

    error = Signal(object)
    info = Signal(str, str)

    def show_error(self, error: KioskError) -> None:
        self.error.emit(error)

    def show_info(self, zh: str, en: str) -> None:
        self.info.emit(zh, en)


@overload
def reports_errors(slot: Slot_[Owner, P], /) -> Slot_[Owner, P]: ...


@overload
def reports_errors(*, on: str) -> Callable[[Slot_[Owner, P]], Slot_[Owner, P]]: ...


def reports_errors(slot: Any = None, /, *, on: str | None = None) -> Any:
    """`@reports_errors`: a KioskError the slot raises goes to `self.report_error`;
    `@reports_errors(on="page")`: to `self.page.show_error` (the page's own error line)."""

    def decorate(slot: Slot_[Owner, P]) -> Slot_[Owner, P]:
        def wrapper(self: Owner, /, *args: P.args, **kwargs: P.kwargs) -> None:
            try:
                slot(self, *args, **kwargs)
            except KioskError as exc:
                if on is None:
                    self.report_error(exc)
                else:
                    getattr(self, on).show_error(exc)

        functools.update_wrapper(wrapper, slot)
        return wrapper

    return decorate if slot is None else decorate(slot)
