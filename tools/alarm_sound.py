"""Make the emergency alarm sound, resources/sounds/alarm.wav (run once; the file is committed).

`python -m tools.alarm_sound [PATH]`. A two-tone call (960 Hz / 770 Hz, a quarter second each,
twice), loud but not clipped, with 5 ms fades so the loop has no clicks, and 0.4 s of silence at
the end so the kiosk's loop reads as a repeated call rather than one continuous tone. 16-bit mono
PCM at 22,050 Hz: every backend of Qt Multimedia plays it, and it is 62 KB. Made from numbers
with the standard library, so it carries no one else's licence.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
TONES = ((960.0, 0.25), (770.0, 0.25), (960.0, 0.25), (770.0, 0.25))
SILENCE_S = 0.4
FADE_S = 0.005
LEVEL = 0.7  # of full scale: loud on a kiosk's small speaker, no clipping
DEFAULT = Path(__file__).resolve().parents[1] / "resources" / "sounds" / "alarm.wav"


def samples() -> list[int]:
    """The sound as signed 16-bit samples."""
    out: list[int] = []
    fade = int(FADE_S * RATE)
    for frequency, seconds in TONES:
        count = int(seconds * RATE)
        for i in range(count):
            envelope = min(1.0, i / fade, (count - 1 - i) / fade)
            # A square-ish tone (fundamental plus odd harmonics) carries further than a sine.
            t = i / RATE
            wave_value = (
                sum(math.sin(2 * math.pi * frequency * k * t) / k for k in (1, 3, 5)) / 0.94
            )  # the sum peaks at about 0.93
            out.append(round(32767 * LEVEL * envelope * wave_value))
    out.extend([0] * int(SILENCE_S * RATE))
    return out


def write(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = samples()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(data)}h", *data))


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    write(target)
    print(target)
