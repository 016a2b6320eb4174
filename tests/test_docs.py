"""The README documents every command, option and environment variable."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from summitline.cli import build_parser
from summitline.config import ENVIRONMENT

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_is_documented(command: str) -> None:
    assert f"summitline {command}" in README


@pytest.mark.parametrize(
    "option",
    sorted(
        {opt for p in _subcommands().values() for a in p._actions for opt in a.option_strings if opt != "-h"}
        - {"--help"}
    ),
)
def test_every_option_is_documented(option: str) -> None:
    assert f"`{option}" in README or f" {option}" in README, option


@pytest.mark.parametrize("variable", sorted(ENVIRONMENT))
def test_every_environment_variable_is_documented(variable: str) -> None:
    assert f"`{variable}`" in README


def test_readme_opens_with_install_and_test_commands() -> None:
    blocks = README.split("```")
    # installs, builds a library from the shipped example and writes its chronology page
    assert "pip install" in blocks[1] and "summitline ingest examples/" in blocks[1]
    assert "summitline report" in blocks[1]
    assert blocks[3].strip().splitlines()[-1].strip() == "python -m pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "\npython -m pytest\n" in ci
