"""Every command has help text that teaches and an entry in docs/cli.md; the version and `python -m` work."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from onrecord import __version__
from onrecord.cli import cli
from tests.cli.conftest import Invoke

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _leaves(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every runnable command by its full name ("quotes", "eval polnear")."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(_leaves(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


LEAVES = _leaves(cli)
COMMANDS = sorted(LEAVES)


def _section(name: str) -> str:
    """The part of docs/cli.md under `## onrecord <name>`, up to the next `## ` heading."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(rf"^## onrecord {name}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"docs/cli.md has no '## onrecord {name}' section"
    return match.group(1)


def _long_options(command: click.Command) -> list[str]:
    return [opt for param in command.params if isinstance(param, click.Option) for opt in param.opts if opt.startswith("--")]


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_has_help_with_examples(invoke: Invoke, name: str) -> None:
    command = LEAVES[name]
    assert command.help and command.short_help != ""
    result = invoke(*name.split(), "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert all(param.help for param in command.params if isinstance(param, click.Option))


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_and_option_is_documented(name: str) -> None:
    section = _section(name)
    assert "```" in section, "no example"
    for option in _long_options(LEAVES[name]):
        assert option in section, f"{option} of `onrecord {name}` is not in docs/cli.md"


@pytest.mark.parametrize("args", [[sys.executable, "-m", "onrecord", "--version"]])
def test_cli_version_and_python_m(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"onrecord {__version__}"
