"""The language modes and the core's translatable Text, without Qt."""

from __future__ import annotations

import pickle

import pytest

from console.languages import Text, normalize_lang, resolve_lang, translated


def test_modes_and_their_defaults():
    assert resolve_lang(None) == "zh"  # an operator's console speaks Chinese
    assert resolve_lang(None, tour="default") == "zh+en"  # a visitor tour both
    assert resolve_lang("en", tour="default") == "en"  # asked for wins
    assert resolve_lang(None, settings_lang="en") == "en"
    assert normalize_lang("zh_CN") == "zh"  # the old spelling still works
    with pytest.raises(ValueError, match="zh, en, zh\\+en"):
        normalize_lang("fr")


def test_text_reads_as_chinese_and_translates_with_its_fields():
    t = Text("Kpi", "{n} 个站点").format(n=3)
    assert t == "3 个站点" and isinstance(t, str)  # logs, the cache, every str use: the source text
    english = {("Kpi", "{n} 个站点"): "{n} stations", ("Kpi", "限值 {limit}"): "limit {limit}"}
    lookup = lambda ctx, src: english.get((ctx, src), src)  # noqa: E731
    assert translated(t, lookup) == "3 stations"
    nested = Text("Kpi", "限值 {limit}").format(limit=t)
    assert translated(nested, lookup) == "limit 3 stations"  # a Text inside a Text is translated too
    assert translated("弥河1号站", lookup) == "弥河1号站"  # a plain string (a proper name) as it is
    assert pickle.loads(pickle.dumps(t)).template == "{n} 个站点"


def test_text_refuses_positional_fields():
    with pytest.raises(TypeError, match="named fields"):
        Text("Kpi", "{} 个").format(3)
