"""Writes the desk's alarm sounds, one per warning level, into resources/sounds/ (run once; the WAVs are committed).

Short, plain tones (16-bit mono, 22.05 kHz) that a control room can tell apart without
looking: blue one low beep, yellow two, orange three quicker and higher, red a two-tone
warble. Each file is one cycle; the desk loops it until the operator silences it.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parents[1] / "resources" / "sounds"

# severity -> [(frequency Hz or 0 for silence, seconds)]
PATTERNS = {
    1: [(660, 0.25), (0, 1.25)],
    2: [(880, 0.18), (0, 0.12), (880, 0.18), (0, 1.0)],
    3: [(1046, 0.12), (0, 0.08), (1046, 0.12), (0, 0.08), (1046, 0.12), (0, 0.6)],
    4: [(1318, 0.15), (988, 0.15)] * 3 + [(0, 0.2)],
}


def _tone(freq: float, seconds: float) -> list[int]:
    n = int(RATE * seconds)
    fade = max(1, int(RATE * 0.008))  # 8 ms in and out: no clicks
    out = []
    for i in range(n):
        env = min(1.0, i / fade, (n - 1 - i) / fade)
        out.append(int(0.45 * 32767 * env * math.sin(2 * math.pi * freq * i / RATE)) if freq else 0)
    return out


def write(severity: int, folder: Path = OUT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    samples = [s for freq, sec in PATTERNS[severity] for s in _tone(freq, sec)]
    path = folder / f"alarm_{severity}.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


if __name__ == "__main__":
    for sev in PATTERNS:
        print(write(sev))
