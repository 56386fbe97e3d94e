"""The kiosk's exit PIN: from ``--kiosk-pin-file``, else ``kiosk_pin`` in the settings file
(``<user config dir>/city-console/settings.toml``), else the documented demo PIN.

A PIN file holds either ``kiosk_pin = "…"`` (TOML) or just the digits.
"""

from __future__ import annotations

import hmac
import re
import tomllib
from pathlib import Path


DEFAULT_KIOSK_PIN = "2468"  # the demo's PIN (README); set your own in settings.toml for a real wall
KIOSK_CHORD = "Ctrl+Alt+Shift+Q"  # then the PIN: the only way out of kiosk mode
_PIN = re.compile(r"^[0-9]{4,12}$")


class KioskPinError(ValueError):
    pass


def settings_path() -> Path:
    from console.settings.paths import settings_file

    return settings_file()


def _pin_from(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KioskPinError(f"{path}: cannot read the kiosk PIN: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        data = None
    if isinstance(data, dict) and data:
        pin = data.get("kiosk_pin", (data.get("kiosk") or {}).get("pin"))
        if pin is None:
            return None
        pin = str(pin)
    else:
        pin = text.strip()
    if not _PIN.match(pin):
        raise KioskPinError(f"{path}: kiosk_pin: must be 4 to 12 digits")
    return pin


def load_kiosk_pin(pin_file: Path | None = None, settings: Path | None = None) -> tuple[str, str]:
    """(PIN, where it came from). An explicit file that is missing or bad is an error."""
    if pin_file is not None:
        pin = _pin_from(Path(pin_file))
        if pin is None:
            raise KioskPinError(f"{pin_file}: kiosk_pin: missing")
        return pin, str(pin_file)
    path = settings or settings_path()
    if path.is_file():
        pin = _pin_from(path)
        if pin is not None:
            return pin, str(path)
    return DEFAULT_KIOSK_PIN, "default demo PIN"


def pin_matches(entered: str, pin: str) -> bool:
    return hmac.compare_digest(entered.strip().encode(), pin.encode())
