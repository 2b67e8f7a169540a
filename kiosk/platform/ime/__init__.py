"""Chinese input engines for the on-screen keyboard: pinyin (librime) and handwriting (Zinnia).

Both are Debian system libraries (`make system` installs them) reached by ctypes; no feature knows
them, only the keyboard widget. Nothing here loads before a keyboard asks: the first paint does
not wait for them. Where one is missing the keyboard offers what remains (at worst Latin letters)
and the kiosk logs once why.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.platform.ime.rime import PinyinEngine
    from kiosk.platform.ime.zinnia import HandwritingEngine

log = logging.getLogger(__name__)

RIME_LIBRARY = "librime.so.1"
RIME_SHARED_DIR = Path("/usr/share/rime-data")
ZINNIA_LIBRARY = "libzinnia.so.0"
ZINNIA_MODEL = Path("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model")
APT_HINT = (
    "apt-get install librime1 rime-data-pinyin-simp libzinnia0 tegaki-zinnia-simplified-chinese"
)


class InputEngines:
    """Where the engines are and, once asked for, the engines (or None when missing)."""

    def __init__(
        self,
        user_dir: Path,
        *,
        rime_library: str | None = None,
        rime_shared_dir: Path | None = None,
        zinnia_library: str | None = None,
        zinnia_model: Path | None = None,
    ) -> None:
        self.user_dir = user_dir
        self._rime = (rime_library or RIME_LIBRARY, rime_shared_dir or RIME_SHARED_DIR)
        self._zinnia = (zinnia_library or ZINNIA_LIBRARY, zinnia_model or ZINNIA_MODEL)
        self._pinyin: PinyinEngine | None = None
        self._handwriting: HandwritingEngine | None = None
        self._tried: set[str] = set()

    def installed(self) -> dict[str, bool]:
        """Which engines this machine has, without starting any (for checks and tests)."""
        import ctypes

        def loads(library: str) -> bool:
            try:
                ctypes.CDLL(library)
            except OSError:
                return False
            return True

        (rime_library, shared), (zinnia_library, model) = self._rime, self._zinnia
        return {
            "pinyin": loads(rime_library) and (shared / "pinyin_simp.schema.yaml").is_file(),
            "handwriting": loads(zinnia_library) and model.is_file(),
        }

    def pinyin(self) -> PinyinEngine | None:
        if "pinyin" not in self._tried:
            self._tried.add("pinyin")
            from kiosk.platform.ime import rime
            from kiosk.platform.ime.composition import RimeUnavailable

            library, shared = self._rime
            try:
                self._pinyin = rime.shared_engine(library, shared, self.user_dir / "rime")
            except RimeUnavailable as error:
                log.warning("pinyin input unavailable (%s); install: %s", error, APT_HINT)
        return self._pinyin

    def handwriting(self) -> HandwritingEngine | None:
        if "handwriting" not in self._tried:
            self._tried.add("handwriting")
            from kiosk.platform.ime import zinnia

            library, model = self._zinnia
            try:
                self._handwriting = zinnia.shared_engine(library, model)
            except zinnia.ZinniaUnavailable as error:
                log.warning("handwriting input unavailable (%s); install: %s", error, APT_HINT)
        return self._handwriting


_default: list[InputEngines] = []


def configure(user_dir: Path) -> None:
    """Where the kiosk keeps the engines' built data (its data directory); cheap, loads nothing."""
    if not _default or _default[0].user_dir != user_dir:
        _default[:] = [InputEngines(user_dir)]


def default_engines() -> InputEngines:
    """The engines `configure` named (a temporary folder when nobody did, as in a bare test)."""
    if not _default:
        import os
        import tempfile

        configure(Path(tempfile.gettempdir()) / f"station-kiosk-ime-{os.getuid()}")
    return _default[0]
