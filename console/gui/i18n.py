"""Translations through Qt Linguist, in three modes (console.languages): ``zh``, ``en``, ``zh+en``.

The interface is written in Chinese; ``resources/i18n/city_console_en.ts`` holds the English
and its ``.qm`` (built by ``make setup``, committed, and rebuilt here at start when the ``.ts``
is newer) is what Qt loads. ``zh+en`` composes "中文 English" from the source and its
translation, so no bilingual literal is written anywhere. Qt's own catalog (qtbase_zh_CN:
dialog buttons, context menus) is loaded for the Chinese modes.

Refresh the catalog after changing visible strings: ``python -m console.gui.i18n_catalog update``
(pyside6-lupdate over every source file, then lrelease); translate the new entries in the .ts.
"""

from __future__ import annotations


import logging
import re
import subprocess
from importlib import resources
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

from console.languages import normalize_lang, shows_chinese
from console.settings.paths import APP_NAME

log = logging.getLogger(__name__)

CATALOG = "city_console_en"  # Chinese source, English translations


def catalog_dir() -> Path:
    return Path(str(resources.files("resources") / "i18n"))


def lrelease_binary() -> Path | None:
    """Qt's lrelease as PySide6 ships it (every PySide6 wheel has it), or None."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).is_file():
            return folder / name
    return None


def compile_catalog(ts: Path, qm: Path) -> None:
    """``lrelease ts -qm qm``; a failure raises with lrelease's own words."""
    binary = lrelease_binary()
    if binary is None:
        raise RuntimeError("pyside6's lrelease is not installed: cannot build " + qm.name)
    qm.parent.mkdir(parents=True, exist_ok=True)
    out = subprocess.run([str(binary), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, timeout=60)
    if out.returncode != 0 or not qm.is_file():
        raise RuntimeError(f"lrelease failed on {ts.name}: {(out.stderr or out.stdout).strip()}")


def ensure_catalog(name: str = CATALOG) -> Path:
    """The ``.qm`` to load: the shipped one if it is as new as its ``.ts``, else one built now
    (beside the .ts when that folder is writable, else in the user's cache)."""
    ts, qm = catalog_dir() / f"{name}.ts", catalog_dir() / f"{name}.qm"
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        raise RuntimeError(f"no translation catalog {qm.name} (nor its {ts.name}) in {catalog_dir()}")
    try:
        compile_catalog(ts, qm)
        return qm
    except OSError:  # a read-only install: build into the user's cache instead
        cached = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "i18n" / qm.name
        if not cached.is_file() or cached.stat().st_mtime < ts.stat().st_mtime:
            compile_catalog(ts, cached)
        return cached


def _is_mark(c: str) -> bool:
    return not c.isalnum() and c not in "{}%"  # a field is never split


def compose(zh: str, en: str) -> str:
    """"中文 English", with the marks both share said once: "▶ 播放" and "▶ Play" make "▶ 播放 Play";
    a figure both begin with, once too: "{n} 人" and "{n} people" make "{n} 人 people"."""
    lead = re.match(r"\{\w+\} ", zh)
    if lead and en == lead.group(0).strip():  # English drops the counter word: "{n} 个" and "{n}"
        return zh
    if lead and en.startswith(lead.group(0)) and len(en) > len(lead.group(0)):
        en = en[len(lead.group(0)):]
    head = 0
    while head < min(len(zh), len(en)) and zh[head] == en[head] and _is_mark(zh[head]):
        head += 1
    tail = 0
    while tail < min(len(zh), len(en)) - head and zh[-1 - tail] == en[-1 - tail] and _is_mark(zh[-1 - tail]):
        tail += 1
    end = len(zh) - tail
    return f"{zh[:end].rstrip()} {en[head:len(en) - tail].strip()}{zh[end:]}"


class BilingualTranslator(QTranslator):
    """``zh+en``: "源文 translation" for every string our catalog translates."""

    def __init__(self, english: QTranslator, parent=None) -> None:
        super().__init__(parent)
        self.english = english

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 (Qt override)
        en = self.english.translate(context, source, disambiguation, n)
        if en and en != source:
            return compose(source, en)
        return None  # None, never "": Qt then asks the next catalog (an empty string would be shown)

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return self.english.isEmpty()


def install_translators(app, lang: str = "zh", notices: list[str] | None = None) -> list[QTranslator]:
    """Load Qt's catalog and ours for ``lang``; keep the returned translators alive.

    A catalog that cannot be loaded is logged and, given ``notices``, told on screen."""
    lang = normalize_lang(lang)
    out: list[QTranslator] = []

    def problem(text: str) -> None:
        log.warning("%s", text)
        if notices is not None:
            notices.append(text)

    if shows_chinese(lang):
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir) or qt.load("qt_zh_CN", qt_dir):
            app.installTranslator(qt)
            out.append(qt)
        else:
            log.warning("Qt's own zh_CN translations not found in %s", qt_dir)
    if lang != "zh":
        english = QTranslator(app)
        try:
            qm = ensure_catalog()
        except RuntimeError as exc:
            problem(f"英文界面不可用 English interface unavailable: {exc}")
        else:
            if not english.load(str(qm)):
                problem(f"英文界面不可用 English interface unavailable: could not load {qm}")
            else:
                mine = english if lang == "en" else BilingualTranslator(english, app)
                app.installTranslator(mine)
                out += [english, mine] if mine is not english else [english]
    QLocale.setDefault(QLocale("en" if lang == "en" else "zh_CN"))
    app.setProperty("cityConsoleLang", lang)
    return out
