"""Errors a user can cause, each with a message fit for the screen in both languages."""

from __future__ import annotations


class KioskError(Exception):
    """Base of user-facing errors; `zh` and `en` are shown as they are."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, language: str) -> str:
        """The message in `language` ("zh" or "en")."""
        return self.zh if language == "zh" else self.en


class ValidationError(KioskError):
    """Input that is malformed, too long, forged or otherwise unacceptable."""


class NotFound(KioskError):
    """Something named by the input does not exist (unknown badge, unknown phone)."""


class Locked(KioskError):
    """Too many wrong attempts: the subject is locked for a while."""


class Conflict(KioskError):
    """The request contradicts the current state (e.g. cancelling a closed shift)."""


class StorageFull(KioskError):
    """The disk (or the database's size limit) is full: nothing was written; staff must act."""

    def __init__(self) -> None:
        super().__init__("存储空间已满，请联系管理员", "Storage is full; please tell the staff")
