"""The interface's language modes, and the marker for a core string the GUI translates.

The interface is written in Chinese (the operators' language); ``resources/i18n/*.ts``
(Qt Linguist) holds the English. Modes: ``zh`` (Chinese only, the operators' default),
``en`` (English only) and ``zh+en`` (both, "中文 English": the visitor tour's default).

A module without Qt marks its visible strings with :func:`QT_TRANSLATE_NOOP` (the name
pyside6-lupdate looks for); the GUI translates them at display with the same context.
"""

from __future__ import annotations

LANGUAGES = ("zh", "en", "zh+en")
DEFAULT_LANG = "zh"  # an operator's console
TOUR_LANG = "zh+en"  # a visitor tour: both languages, whoever is watching
_ALIASES = {"zh_CN": "zh", "zh-CN": "zh", "en_US": "en", "en_GB": "en", "zh_en": "zh+en", "bilingual": "zh+en"}


def normalize_lang(lang: str) -> str:
    """One of :data:`LANGUAGES`; an unknown one is refused with the choices."""
    lang = _ALIASES.get(lang, lang)
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


def resolve_lang(asked: str | None, settings_lang: str | None = None, tour: str | None = None) -> str:
    """The mode to run in: asked on the command line, else the settings', else the tour's or the operators' default."""
    if asked:
        return normalize_lang(asked)
    if settings_lang:
        return normalize_lang(settings_lang)
    return TOUR_LANG if tour else DEFAULT_LANG


def shows_english(lang: str) -> bool:
    return normalize_lang(lang) in ("en", "zh+en")


def shows_chinese(lang: str) -> bool:
    return normalize_lang(lang) in ("zh", "zh+en")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 (the name lupdate recognises)
    """Mark ``source`` for translation in ``context``; the GUI translates it where it is shown."""
    return source


class Text(str):
    """A visible string made where there is no Qt: it reads as its Chinese text (so logs, the
    cache and every ``str`` use keep working) and carries what the GUI needs to translate it.

    ``Text("Kpi", "{n} 未报").format(n=3)``: pyside6-lupdate reads the call as
    ``QT_TRANSLATE_NOOP`` (console.gui.i18n_catalog passes the alias); :func:`translated`
    renders it in the interface's language, its arguments too.
    """

    context: str
    template: str
    args: dict

    def __new__(cls, context: str, template: str, args: dict | None = None) -> "Text":
        args = dict(args or {})
        self = super().__new__(cls, template.format(**args) if args else template)
        self.context, self.template, self.args = context, template, args
        return self

    def format(self, *positional, **args) -> "Text":  # noqa: D102 (str.format, keeping the template)
        if positional:
            raise TypeError("Text.format takes named fields only (a translation may reorder them)")
        return Text(self.context, self.template, {**self.args, **args})

    def __reduce__(self):
        return (Text, (self.context, self.template, self.args))


def text_record(value):
    """A Text as JSON-able data (its context, template and arguments, nested Texts too), so
    a message stored or sent keeps what its translation needs; anything else as it is."""
    if isinstance(value, Text):
        return {"c": value.context, "t": value.template, "a": {k: text_record(v) for k, v in value.args.items()}}
    return value


def text_from_record(rec):
    """The Text of :func:`text_record` (a plain value stays plain)."""
    if isinstance(rec, dict) and "t" in rec:
        return Text(str(rec.get("c", "")), str(rec["t"]), {k: text_from_record(v) for k, v in (rec.get("a") or {}).items()})
    return rec


def numbered(steps: list) -> Text:
    """"1. …\n2. …" of ``steps`` (Texts or plain strings), each shown in the interface's language."""
    template = "\n".join(f"{i}. {{s{i}}}" for i in range(1, len(steps) + 1))
    return Text("", template).format(**{f"s{i}": s for i, s in enumerate(steps, 1)})


def translated(text, translate) -> str:
    """``text`` in the interface's language: a :class:`Text` through ``translate(context, source)``
    (QCoreApplication.translate in the GUI), its arguments as well; any other value as ``str``."""
    if not isinstance(text, Text):
        return text if isinstance(text, str) else str(text)
    args = {k: translated(v, translate) if isinstance(v, Text) else v for k, v in text.args.items()}
    return translate(text.context, text.template).format(**args)
