"""The GUI's start parses without the commands' parsers (issue 25: they import every
command's module and each plugin's CLI), and gives what the full parser gives."""

import subprocess
import sys

import pytest

from console.app.cli import build_parser, parse_args

GUI_LINES = [
    [],
    ["--demo", "--speed", "30", "--screenshot", "w.png", "--after", "0"],
    ["--offline", "--cache", "/tmp/c", "--city", "shouguang", "--size", "1280x720", "--lang", "en"],
    ["--demo", "--tour", "default", "--tour-step", "2", "--log-level", "debug", "-v"],
    ["--off", "--cache=/tmp/c"],  # an abbreviation, as argparse has always taken
]


@pytest.mark.parametrize("argv", GUI_LINES)
def test_a_gui_start_parses_as_the_full_parser_does(argv):
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["cache", "stats", "--cache", "/tmp/c"], ["--cache", "/tmp/c", "plugins"], ["layout", "check", "x.toml"]])
def test_a_command_still_goes_through_the_full_parser(argv):
    assert vars(parse_args(argv)) == vars(build_parser().parse_args(argv))
    assert parse_args(argv).command == argv[0] if argv[0] != "--cache" else "plugins"


@pytest.mark.parametrize("argv", [["--speed", "fast"], ["--bogus"], ["--city", "atlantis"], ["nosuchcommand"]])
def test_errors_read_as_the_full_parsers(argv, capsys):
    with pytest.raises(SystemExit) as ours:
        parse_args(argv)
    mine = capsys.readouterr().err
    with pytest.raises(SystemExit) as full:
        build_parser().parse_args(argv)
    assert ours.value.code == full.value.code == 2
    assert mine == capsys.readouterr().err and "{" in mine  # the usage lists the commands


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "cache" in capsys.readouterr().out


def test_a_gui_start_imports_no_commands_module():
    code = ("import sys; from console.app.cli import parse_args; parse_args(['--offline', '--after', '0']);"
            "print(sorted(m for m in sys.modules if m.endswith('_cli') or m.startswith('plugins.') or m == 'console.centre.wall_link'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
