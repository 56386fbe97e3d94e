"""The sources settings file: validated, errors name the file and key, secrets only as references."""

import shutil
from pathlib import Path

import pytest

from console.sources import secret_refs
from console.settings.sources import SettingsError, load_settings, parse_settings

EXAMPLE = Path(__file__).resolve().parents[1] / "resources" / "settings.example.toml"

HTTP = """
[[sources]]
name = "gauges"
type = "http"
url = "https://iot.example.cn/api/levels"
headers = { Authorization = "Bearer ${env:CC_TEST_TOKEN}" }
[sources.mapping]
items = "data[]"
id = "code"
value = "level"
"""


def write(tmp_path, text):
    p = tmp_path / "settings.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_the_shipped_example_is_valid():
    s = load_settings(EXAMPLE)
    assert {src.type for src in s.sources} == {"http", "mqtt", "sensorthings"}
    assert all(src.secret_references() or src.type == "sensorthings" for src in s.sources)


@pytest.mark.parametrize(("text", "key"), [
    (HTTP.replace('url = "https://iot.example.cn/api/levels"', 'url = "ftp://x"'), "sources[0].url"),
    (HTTP.replace('value = "level"', 'value = "level["'), "sources[0].mapping.value"),
    (HTTP.replace('value = "level"', 'vaule = "level"'), "sources[0].mapping.vaule"),
    (HTTP.replace('id = "code"', ''), "sources[0].mapping.id"),
    (HTTP.replace('type = "http"', 'type = "http"\ninterval_s = -1'), "sources[0].interval_s"),
    (HTTP.replace('Bearer ${env:CC_TEST_TOKEN}', 'Bearer abc123'), "sources[0].headers.Authorization"),
    (HTTP.replace('url = "https://iot.example.cn/api/levels"', ''), "sources[0].url"),
    (HTTP + HTTP, "sources[1].name"),
    ('[[sources]]\nname = "m"\ntype = "mqtt"\nhost = "h"\npassword = "hunter22"\n[[sources.topics]]\nfilter = "a/#"\n',
     "sources[0].password"),
    ('[[sources]]\nname = "m"\ntype = "mqtt"\nhost = "h"\n[[sources.topics]]\nfilter = "a/+"\n[sources.topics.mapping]\nstream = "x/{2}"\n',
     "sources[0].topics[0].mapping.stream"),
    ('[[sources]]\nname = "s"\ntype = "ftp"\n', "sources[0].type"),
    ('[[sources]]\nname = "s"\ntype = "sensorthings"\nurl = "http://x/v1.1"\nstream = "a/{thing}"\n', "sources[0].stream"),
    ("version = 2\n", "version"),
])
def test_errors_name_the_file_and_the_key(tmp_path, text, key):
    path = write(tmp_path, text)
    with pytest.raises(SettingsError) as err:
        load_settings(path)
    assert str(err.value).startswith(f"{path}: {key}:"), str(err.value)


def test_invalid_toml_and_missing_files(tmp_path):
    with pytest.raises(SettingsError, match="invalid TOML"):
        load_settings(write(tmp_path, "[[sources]\n"))
    with pytest.raises(SettingsError, match="no such file"):
        load_settings(tmp_path / "nope.toml")


def test_secrets_resolve_at_run_time_and_are_scrubbed(monkeypatch):
    src = parse_settings(__import__("tomllib").loads(HTTP)).sources[0]
    assert src.options["headers"]["Authorization"] == "Bearer ${env:CC_TEST_TOKEN}"  # the file's text, unresolved
    assert src.secret_references() == ["${env:CC_TEST_TOKEN}"]
    with pytest.raises(secret_refs.SecretError, match="CC_TEST_TOKEN") as err:
        secret_refs.resolve("Bearer ${env:CC_TEST_TOKEN}")
    monkeypatch.setenv("CC_TEST_TOKEN", "tok-58f1e2")
    assert secret_refs.resolve("Bearer ${env:CC_TEST_TOKEN}") == "Bearer tok-58f1e2"
    assert secret_refs.redact("401 for Bearer tok-58f1e2") == "401 for Bearer ***"
    assert "tok-58f1e2" not in str(err.value)


def test_keyring_reference_without_a_keyring_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    with pytest.raises(secret_refs.SecretError, match="keyring"):
        secret_refs.resolve("keyring:city-iot/console")


def test_config_check_command(tmp_path):
    import subprocess
    import sys

    good = tmp_path / "good.toml"
    shutil.copy(EXAMPLE, good)
    out = subprocess.run([sys.executable, "-m", "console", "config", "check", str(good)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "ok:" in out.stdout and "river-gauges" in out.stdout and "${env:" in out.stdout
    bad = write(tmp_path, HTTP.replace('value = "level"', 'value = 3'))
    out = subprocess.run([sys.executable, "-m", "console", "config", "check", str(bad)], capture_output=True, text=True)
    assert out.returncode == 2 and "sources[0].mapping.value" in out.stderr


@pytest.mark.parametrize("text, key", [
    (HTTP.replace("https://iot.example.cn", "http://iot.example.cn"), "sources[0].headers.Authorization"),
    (HTTP.replace("https://iot.example.cn/api/levels", "http://iot.example.cn/api/levels?token=${env:CC_T}")
     .replace('headers = { Authorization = "Bearer ${env:CC_TEST_TOKEN}" }\n', ""), "sources[0].url (query token)"),
    ('[[sources]]\nname = "m"\ntype = "mqtt"\nhost = "broker.example.cn"\nusername = "u"\npassword = "${env:CC_P}"\n'
     '[[sources.topics]]\nfilter = "a/#"\n', "sources[0].password"),
])
def test_credentials_over_plain_http_or_mqtt_are_refused_unless_allowed(tmp_path, text, key):
    with pytest.raises(SettingsError, match="travel over") as err:
        load_settings(write(tmp_path, text))
    assert key in str(err.value)
    allowed = text.replace('type = "', 'allow_insecure_credentials = true\ntype = "', 1)
    assert load_settings(write(tmp_path, allowed)).sources[0].options["allow_insecure_credentials"] is True


def test_config_check_warns_about_literal_secrets_anywhere_in_a_source(tmp_path):
    import subprocess
    import sys

    text = HTTP.replace("https://iot.example.cn/api/levels", "https://ops:pa55word@iot.example.cn/api/levels?access_token=abc123") \
        + '[sources.params]\nappkey = "9d8c7b6a"\nregion = "370783"\n'
    out = subprocess.run([sys.executable, "-m", "console", "config", "check", str(write(tmp_path, text))],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    warned = [line for line in out.stdout.splitlines() if line.startswith("warning:")]
    assert any("sources[0].url (user-info password)" in w for w in warned), out.stdout
    assert any("sources[0].url (query access_token)" in w for w in warned), out.stdout
    assert any("sources[0].params.appkey" in w for w in warned), out.stdout
    assert not any("region" in w or "Authorization" in w for w in warned), out.stdout
    assert "pa55word" not in out.stdout and "9d8c7b6a" not in out.stdout
