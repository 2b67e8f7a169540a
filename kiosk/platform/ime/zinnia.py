"""Handwriting through Zinnia (BSD) with Tegaki's simplified-Chinese model (LGPL-2.1+), by ctypes.

Debian ships libzinnia0 and the model but no Python 3 binding, and zinnia.h's C functions are few
and stable, so a ctypes binding is the smallest install. One classification of a character costs
about 3 ms (measured), so it runs on the GUI thread.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Sequence
from pathlib import Path

Stroke = Sequence[tuple[int, int]]


class ZinniaUnavailable(RuntimeError):
    """libzinnia or the handwriting model is not installed."""


class HandwritingEngine:
    """A Zinnia recogniser with one model loaded (memory-mapped, ~2 ms to open)."""

    def __init__(self, library: str, model: Path) -> None:
        try:
            lib = ctypes.CDLL(library)
        except OSError as error:
            raise ZinniaUnavailable(f"{library}: {error}") from error
        if not model.is_file():
            raise ZinniaUnavailable(f"no handwriting model at {model}")
        pointer = ctypes.c_void_p
        lib.zinnia_recognizer_new.restype = pointer
        lib.zinnia_recognizer_open.argtypes = [pointer, ctypes.c_char_p]
        lib.zinnia_character_new.restype = pointer
        lib.zinnia_character_set_width.argtypes = [pointer, ctypes.c_size_t]
        lib.zinnia_character_set_height.argtypes = [pointer, ctypes.c_size_t]
        lib.zinnia_character_add.argtypes = [pointer, ctypes.c_size_t, ctypes.c_int, ctypes.c_int]
        lib.zinnia_character_destroy.argtypes = [pointer]
        lib.zinnia_recognizer_classify.restype = pointer
        lib.zinnia_recognizer_classify.argtypes = [pointer, pointer, ctypes.c_size_t]
        lib.zinnia_result_size.restype = ctypes.c_size_t
        lib.zinnia_result_size.argtypes = [pointer]
        lib.zinnia_result_value.restype = ctypes.c_char_p
        lib.zinnia_result_value.argtypes = [pointer, ctypes.c_size_t]
        lib.zinnia_result_destroy.argtypes = [pointer]
        self._lib = lib
        self._lock = threading.Lock()
        self._recognizer = lib.zinnia_recognizer_new()
        if not lib.zinnia_recognizer_open(self._recognizer, str(model).encode()):
            raise ZinniaUnavailable(f"zinnia could not open {model}")

    def classify(
        self, strokes: Sequence[Stroke], width: int, height: int, best: int = 8
    ) -> list[str]:
        """The `best` likeliest characters for `strokes` drawn on a `width` × `height` pad."""
        if not strokes:
            return []
        lib = self._lib
        with self._lock:
            character = lib.zinnia_character_new()
            try:
                lib.zinnia_character_set_width(character, width)
                lib.zinnia_character_set_height(character, height)
                for index, stroke in enumerate(strokes):
                    for x, y in stroke:
                        lib.zinnia_character_add(character, index, x, y)
                result = lib.zinnia_recognizer_classify(self._recognizer, character, best)
                if not result:
                    return []
                try:
                    return [
                        (lib.zinnia_result_value(result, i) or b"").decode()
                        for i in range(lib.zinnia_result_size(result))
                    ]
                finally:
                    lib.zinnia_result_destroy(result)
            finally:
                lib.zinnia_character_destroy(character)


_engines: dict[tuple[str, Path], HandwritingEngine] = {}


def shared_engine(library: str, model: Path) -> HandwritingEngine:
    """One recogniser per model for the process (every keyboard shares it)."""
    key = (library, model)
    if key not in _engines:
        _engines[key] = HandwritingEngine(library, model)
    return _engines[key]
