"""Pinyin through librime (BSD-3), the engine of Rime/Squirrel/Weasel, by ctypes.

Debian ships no Python binding for librime and PyPI's (pyrime) compiles against its headers, so a
small ctypes binding to the flat C functions of `rime_api.h` (1.8) keeps the install to two apt
packages and no compiler. librime is one engine per process: `load` sets it up once; each
keyboard gets its own session. A key costs about 0.1 ms (measured), so keys run on the GUI
thread; the one slow step, the deployment (~0.3 s, librime's own maintenance thread), starts on
the first `load` and is joined only when the first session is made.
"""

from __future__ import annotations

import atexit
import ctypes
import threading
from pathlib import Path

from kiosk.platform.ime.composition import Composition, RimeUnavailable

SCHEMA = "pinyin_simp"  # simplified characters, Apache-2.0 data (rime-data-pinyin-simp)
PAGE_SIZE = 8
SELECT_KEYS = "1234567890"

# Only the pinyin schema is deployed; the user dictionary is off, so nothing a traveller typed
# is kept on disk or reorders the candidates the next person sees.
_DEFAULT_CUSTOM = f"""patch:
  schema_list:
    - schema: {SCHEMA}
  "menu/page_size": {PAGE_SIZE}
"""
_SCHEMA_CUSTOM = """patch:
  "translator/enable_user_dict": false
  "translator/enable_sentence": true
"""


class _Traits(ctypes.Structure):
    _fields_ = [
        ("data_size", ctypes.c_int),
        ("shared_data_dir", ctypes.c_char_p),
        ("user_data_dir", ctypes.c_char_p),
        ("distribution_name", ctypes.c_char_p),
        ("distribution_code_name", ctypes.c_char_p),
        ("distribution_version", ctypes.c_char_p),
        ("app_name", ctypes.c_char_p),
        ("modules", ctypes.c_void_p),
        ("min_log_level", ctypes.c_int),
        ("log_dir", ctypes.c_char_p),
        ("prebuilt_data_dir", ctypes.c_char_p),
        ("staging_dir", ctypes.c_char_p),
    ]


class _Composition(ctypes.Structure):
    _fields_ = [
        ("length", ctypes.c_int),
        ("cursor_pos", ctypes.c_int),
        ("sel_start", ctypes.c_int),
        ("sel_end", ctypes.c_int),
        ("preedit", ctypes.c_char_p),
    ]


class _Candidate(ctypes.Structure):
    _fields_ = [
        ("text", ctypes.c_char_p),
        ("comment", ctypes.c_char_p),
        ("reserved", ctypes.c_void_p),
    ]


class _Menu(ctypes.Structure):
    _fields_ = [
        ("page_size", ctypes.c_int),
        ("page_no", ctypes.c_int),
        ("is_last_page", ctypes.c_int),
        ("highlighted_candidate_index", ctypes.c_int),
        ("num_candidates", ctypes.c_int),
        ("candidates", ctypes.POINTER(_Candidate)),
        ("select_keys", ctypes.c_char_p),
    ]


class _Context(ctypes.Structure):
    _fields_ = [
        ("data_size", ctypes.c_int),
        ("composition", _Composition),
        ("menu", _Menu),
        ("commit_text_preview", ctypes.c_char_p),
        ("select_labels", ctypes.c_void_p),
    ]


class _Commit(ctypes.Structure):
    _fields_ = [("data_size", ctypes.c_int), ("text", ctypes.c_char_p)]


def _sized(struct: type[ctypes.Structure]) -> ctypes.Structure:
    """RIME_STRUCT_INIT: data_size is the size after the field itself."""
    value = struct()
    value.data_size = ctypes.sizeof(struct) - ctypes.sizeof(ctypes.c_int)  # type: ignore[attr-defined]
    return value


class PinyinSession:
    """One keyboard's composition. Every call returns at once (≈0.1 ms a key)."""

    def __init__(self, engine: PinyinEngine, session_id: int) -> None:
        self._engine = engine
        self._id = ctypes.c_size_t(session_id)

    def key(self, keycode: int) -> str:
        """Send one key (an ASCII code or an X keysym); returns text it committed, if any."""
        lib = self._engine.lib
        lib.RimeProcessKey(self._id, keycode, 0)
        return self._commit()

    def select(self, index: int) -> str:
        """Take the candidate at `index` on the current page; returns the committed text."""
        return self.key(ord(SELECT_KEYS[index]))

    def clear(self) -> None:
        self._engine.lib.RimeClearComposition(self._id)

    def state(self) -> Composition:
        lib = self._engine.lib
        context = _sized(_Context)
        if not lib.RimeGetContext(self._id, ctypes.byref(context)):
            return Composition()
        try:
            menu = context.menu  # type: ignore[attr-defined]
            preedit = context.composition.preedit  # type: ignore[attr-defined]
            texts = tuple(
                (menu.candidates[i].text or b"").decode() for i in range(menu.num_candidates)
            )
            return Composition(
                preedit=(preedit or b"").decode(),
                candidates=texts,
                page=int(menu.page_no),
                last_page=bool(menu.is_last_page),
            )
        finally:
            lib.RimeFreeContext(ctypes.byref(context))

    def close(self) -> None:
        self._engine.close_session(self._id.value)

    def _commit(self) -> str:
        lib = self._engine.lib
        commit = _sized(_Commit)
        if not lib.RimeGetCommit(self._id, ctypes.byref(commit)):
            return ""
        try:
            return (commit.text or b"").decode()  # type: ignore[attr-defined]
        finally:
            lib.RimeFreeCommit(ctypes.byref(commit))


class PinyinEngine:
    """librime, set up once per process (it is a process-wide engine)."""

    def __init__(self, library: str, shared_dir: Path, user_dir: Path) -> None:
        try:
            lib = ctypes.CDLL(library)
        except OSError as error:
            raise RimeUnavailable(f"{library}: {error}") from error
        if not (shared_dir / f"{SCHEMA}.schema.yaml").is_file():
            raise RimeUnavailable(f"no {SCHEMA}.schema.yaml in {shared_dir}")
        lib.RimeCreateSession.restype = ctypes.c_size_t
        lib.RimeProcessKey.argtypes = [ctypes.c_size_t, ctypes.c_int, ctypes.c_int]
        lib.RimeSelectSchema.argtypes = [ctypes.c_size_t, ctypes.c_char_p]
        self.lib = lib
        self._lock = threading.Lock()
        self._deployed = False
        self._sessions: set[int] = set()
        user_dir.mkdir(parents=True, exist_ok=True)
        (user_dir / "default.custom.yaml").write_text(_DEFAULT_CUSTOM, encoding="utf-8")
        (user_dir / f"{SCHEMA}.custom.yaml").write_text(_SCHEMA_CUSTOM, encoding="utf-8")
        # ctypes keeps pointers only to bytes it holds: keep the strings alive with the traits.
        self._strings = [str(shared_dir).encode(), str(user_dir).encode()]
        traits = _sized(_Traits)
        traits.shared_data_dir, traits.user_data_dir = self._strings  # type: ignore[attr-defined]
        traits.distribution_name = b"Station Kiosk"  # type: ignore[attr-defined]
        traits.distribution_code_name = b"station-kiosk"  # type: ignore[attr-defined]
        traits.distribution_version = b"1"  # type: ignore[attr-defined]
        traits.app_name = b"rime.station-kiosk"  # type: ignore[attr-defined]
        traits.min_log_level = 3  # type: ignore[attr-defined]  # FATAL only: no log files
        self._traits = traits
        lib.RimeSetup(ctypes.byref(traits))
        lib.RimeInitialize(ctypes.byref(traits))
        lib.RimeStartMaintenance(0)  # on librime's own thread; joined by the first session
        atexit.register(self.finalize)

    def session(self) -> PinyinSession:
        with self._lock:
            if not self._deployed:
                self.lib.RimeJoinMaintenanceThread()
                self._deployed = True
            session_id = int(self.lib.RimeCreateSession())
            if not session_id or not self.lib.RimeSelectSchema(session_id, SCHEMA.encode()):
                raise RimeUnavailable(f"librime would not open the {SCHEMA} schema")
            self._sessions.add(session_id)
        return PinyinSession(self, session_id)

    def close_session(self, session_id: int) -> None:
        with self._lock:
            if session_id in self._sessions:
                self._sessions.discard(session_id)
                self.lib.RimeDestroySession(ctypes.c_size_t(session_id))

    def finalize(self) -> None:
        """At exit: librime's static objects crash the process if it is left running."""
        with self._lock:
            self.lib.RimeJoinMaintenanceThread()
            for session_id in self._sessions:
                self.lib.RimeDestroySession(ctypes.c_size_t(session_id))
            self._sessions.clear()
            self.lib.RimeFinalize()


_engines: dict[str, PinyinEngine] = {}
_engines_lock = threading.Lock()


def shared_engine(library: str, shared_dir: Path, user_dir: Path) -> PinyinEngine:
    """The process's librime (set up by the first caller; librime cannot run twice at once)."""
    with _engines_lock:
        if library not in _engines:
            _engines[library] = PinyinEngine(library, shared_dir, user_dir)
        return _engines[library]
