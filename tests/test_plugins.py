import json
import os
import subprocess
import sys

from console.plugins.registry import PluginRegistry
from tests.deploy_helpers import isolated_env
from tests.plugin_fixtures import install_broken_plugins, install_fake_plugin


def test_builtin_flood_plugin_is_found_through_its_entry_point():
    reg = PluginRegistry.discover()
    flood = reg.plugins["flood"]
    assert flood.simulator == "plugins.flood.simulator:FloodSimulator"
    assert {k.id for k in flood.entity_kinds} >= {"gauge"}
    assert len(flood.rules) >= 3


def test_broken_plugins_are_listed_with_the_reason_and_skipped(tmp_path, monkeypatch):
    install_broken_plugins(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = PluginRegistry.discover(allow=("broken", "wrongtype"))  # third parties run only when named
    failed = {f.name: f.reason for f in reg.failed}
    assert "boom: missing driver" in failed["broken"]
    assert "not a PluginManifest" in failed["wrongtype"]
    assert "flood" in reg.plugins  # the good one still loads


def test_a_third_party_plugin_loads_like_a_builtin(tmp_path, monkeypatch):
    install_fake_plugin(
        tmp_path, "extra_plugin", "extra", "extra_mod",
        "from console.plugins.api import PluginManifest\nPLUGIN = PluginManifest(name='extra', title='Extra', tile_kinds={'x': 'extra_mod:X'})\n",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "extra" not in PluginRegistry.discover(allow=()).plugins  # not named: not run
    reg = PluginRegistry.discover(allow=("extra",))
    assert reg.plugins["extra"].title == "Extra" and reg.tile_kinds()["x"] == "extra_mod:X"


def test_plugins_command_lists_contributions_and_failures(tmp_path):
    install_broken_plugins(tmp_path)
    home = tmp_path / "home"
    (home / "config" / "city-console").mkdir(parents=True)
    (home / "config" / "city-console" / "settings.toml").write_text('[plugins]\nallow = ["broken", "wrongtype"]\n')
    env = isolated_env(home)
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env["PYTHONPATH"]])
    out = subprocess.run([sys.executable, "-m", "console", "plugins"], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    names = [p["name"] for p in report["plugins"]]
    assert "flood" in names
    flood = next(p for p in report["plugins"] if p["name"] == "flood")
    assert flood["rules"] >= 3 and "gauge" in flood["entity_kinds"]
    assert {f["name"] for f in report["failed"]} == {"broken", "wrongtype"}


def test_discovery_reads_each_distributions_metadata_once(monkeypatch):
    """Reading ``dist.metadata`` parses the METADATA file each time: a discovery asked it three
    times per entry point, a tenth of a second of every start-up (issue 25)."""
    from importlib import metadata

    from console.plugins import registry

    reads: list[str] = []
    real = metadata.Distribution.metadata

    def counted(dist):
        reads.append(str(getattr(dist, "_path", dist)))
        return real.fget(dist)

    monkeypatch.setattr(metadata.Distribution, "metadata", property(counted))
    registry._name_of.cache_clear()
    reg = registry.PluginRegistry.discover()
    assert "flood" in reg.plugins
    assert reads and len(reads) == len(set(reads)), reads
