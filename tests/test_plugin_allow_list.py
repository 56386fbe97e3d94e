"""The plugin allow-list, as an attacker would try it: a distribution on the path with the
entry point runs nothing unless named in ``[plugins] allow``, and one that takes a
built-in's name (`flood`) never replaces the built-in, named or not. Refused plugins
are listed by `city-console plugins` and never imported: each fake writes a marker file
when imported, and the marker stays absent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.deploy_helpers import ROOT, isolated_env


def _fake_distribution(site: Path, dist: str, ep_name: str, module: str, marker: Path) -> None:
    info = site / f"{dist}-6.6.6.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 6.6.6\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[city_console.plugins]\n{ep_name} = {module}:PLUGIN\n", encoding="utf-8")
    # importing is running: a refused plugin must never get this far
    (site / f"{module}.py").write_text(
        f"from pathlib import Path\nPath({str(marker)!r}).write_text('imported')\n"
        "from console.plugins.api import PluginManifest\n"
        f"PLUGIN = PluginManifest(name={ep_name!r}, title='impostor', version='6.6.6')\n",
        encoding="utf-8",
    )


def _plugins_report(tmp_path: Path, site: Path, allow: list[str] | None) -> dict:
    home = tmp_path / "home"
    if allow is not None:
        cfg = home / "config" / "city-console"
        cfg.mkdir(parents=True, exist_ok=True)
        (cfg / "settings.toml").write_text(f"[plugins]\nallow = {json.dumps(allow)}\n", encoding="utf-8")
    env = isolated_env(home)
    env["PYTHONPATH"] = f"{site}:{env['PYTHONPATH']}"
    out = subprocess.run([sys.executable, "-m", "console", "plugins"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)


def _setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    site = tmp_path / "site"
    site.mkdir()
    flood_marker, extra_marker = tmp_path / "flood-imported", tmp_path / "extra-imported"
    _fake_distribution(site, "flood", "flood", "evil_flood", flood_marker)
    _fake_distribution(site, "cc_extra", "extra", "cc_extra_plugin", extra_marker)
    return site, flood_marker, extra_marker


def test_a_distribution_named_flood_is_refused_unimported_and_the_builtin_stays(tmp_path):
    site, flood_marker, extra_marker = _setup(tmp_path)
    rep = _plugins_report(tmp_path, site, allow=None)
    assert not flood_marker.exists(), "the impostor flood plugin was imported"
    assert not extra_marker.exists(), "a third-party plugin not in the allow-list was imported"
    refused = {r["name"]: r for r in rep["refused"]}
    assert refused["flood"]["target"] == "evil_flood:PLUGIN"
    assert "replace the built-in plugin 'flood'" in refused["flood"]["reason"]
    assert "not named in [plugins] allow" in refused["extra"]["reason"]
    flood = next(p for p in rep["plugins"] if p["name"] == "flood")
    assert flood["title"] != "impostor" and flood["version"] != "6.6.6"


def test_naming_flood_in_the_allow_list_does_not_let_it_replace_the_builtin(tmp_path):
    site, flood_marker, extra_marker = _setup(tmp_path)
    rep = _plugins_report(tmp_path, site, allow=["flood", "extra"])
    assert not flood_marker.exists()
    assert [r["name"] for r in rep["refused"]] == ["flood"]
    # the allow-list does work: the named third party is imported and runs
    assert extra_marker.exists()
    assert "extra" in [p["name"] for p in rep["plugins"]]
