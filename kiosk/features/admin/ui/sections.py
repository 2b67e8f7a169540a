"""What a feature puts on the admin console: a tab (`ConsoleSection`) and a button that opens
its management pages (`ConsoleTool`), added from its flow's `connect_admin(console)` hook.

The console knows none of them by name: each feature that shows something behind the PIN
builds its own widgets when the console is first built (at the first login, so start-up does not
pay for them), says where it goes (`rank`) and who may see it (`permission`), and the console
lays out, shows, hides, refreshes and retranslates them. A feature's management pages are its
own flow's; `admin_flow(navigator)` gives the session they act in (the account, the audit, the
admin idle time, the way back to the console).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:
    from kiosk.features.admin.domain import AdminAccount, Permission
    from kiosk.features.admin.ui.flow import AdminFlow
    from kiosk.platform.ui.navigator import Navigator


@dataclass(frozen=True)
class ConsoleSection:
    """A tab of the console and the widgets it shows, top to bottom.

    `grows`: the last widget takes the height left (a table or a list); otherwise the widgets
    keep their height and the space stays below them. The hooks are called by the console:
    `refresh` each time it opens or is read afresh, `retranslate` when the language changes,
    `account_changed` at login and logout (to show only what the role may do), `reset` when it
    forgets everything (logout)."""

    key: str
    rank: int  # tabs are laid out by rank, four to a row
    title: Callable[[], str]  # the tab's label, in the language shown now
    widgets: tuple[QWidget, ...]
    permission: Permission | None = None  # None: every role that logs in sees it
    grows: bool = True
    refresh: Callable[[], None] | None = None
    retranslate: Callable[[], None] | None = None
    account_changed: Callable[[AdminAccount | None], None] | None = None
    reset: Callable[[], None] | None = None


@dataclass(frozen=True)
class ConsoleTool:
    """A button that opens a feature's management pages.

    Without `section` it sits in the console's heading (Volunteers, Settings); with one it sits
    in the tab grid's free cell and shows only while that tab is chosen (the charging slots on
    the charging tab): a row of its own left no room in large type."""

    key: str
    rank: int
    button: QPushButton
    title: Callable[[], str]
    permission: Permission
    section: str = ""


def admin_flow(navigator: Navigator) -> AdminFlow:
    """The admin session, for a feature's management pages (the feature depends on admin)."""
    return cast("AdminFlow", navigator.flow("admin"))
