"""The worked third-party package plugins/rubric-reversibility, found through its entry point."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
import tomli as tomllib  # rubric reads TOML with tomli on every Python

from packages import run_package_tests
from rubric.cli import main
from rubric.discovery import create_registry

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "rubric-reversibility"
META = tomllib.loads((PACKAGE / "pyproject.toml").read_text(encoding="utf-8"))


class FakeDistribution:
    name = META["project"]["name"]
    version = META["project"]["version"]


class FakeEntryPoint:
    """What importlib.metadata gives for an installed distribution, without installing it."""

    def __init__(self, name: str, value: str):
        self.name, self.value, self.group, self.dist = name, value, "rubric", FakeDistribution()

    def load(self):
        return importlib.import_module(self.value)


@pytest.fixture
def installed(monkeypatch):
    """The package as if pip-installed: importable, with its entry points in the group rubric."""
    monkeypatch.syspath_prepend(str(PACKAGE / "src"))
    monkeypatch.delenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    declared = META["project"]["entry-points"]["rubric"]

    def entry_points(**selection):
        if selection.get("group") != "rubric":
            return []
        return [FakeEntryPoint(name, value) for name, value in declared.items()]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    return declared


def test_pyproject_declares_the_entry_point_and_matching_version():
    """The entry point names the module, and the module's version is the distribution's."""
    assert META["project"]["entry-points"]["rubric"] == {"reversibility": "rubric_reversibility"}
    text = (PACKAGE / "src" / "rubric_reversibility" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{META["project"]["version"]}"' in text
    assert (PACKAGE / "README.md").is_file()


def test_entry_point_registers_the_kind_with_its_distribution(installed):
    """Found through the entry point, the kind's provider names the distribution and version."""
    registry = create_registry()
    info = registry.provider("criterion kind", "reversibility")
    assert "rubric-reversibility" in info.source and "0.1.0" in info.source


def test_rubric_plugins_lists_the_distribution(installed, tmp_path, monkeypatch, capsys):
    """`rubric plugins` shows the plugin with its distribution and version, and its kind."""
    monkeypatch.chdir(tmp_path)
    assert main(["plugins", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "rubric-reversibility 0.1.0" in out
    assert "reversibility" in out.split("Registered components", 1)[1]


def test_no_plugin_autoload_skips_it(installed, tmp_path, monkeypatch, capsys):
    """--no-plugin-autoload leaves installed plugins out."""
    monkeypatch.chdir(tmp_path)
    assert main(["plugins", "--no-plugin-autoload", "--format", "csv"]) == 0
    assert "rubric-reversibility" not in capsys.readouterr().out


def test_package_tests_pass():
    """The package's own tests pass against this checkout of rubric."""
    done = run_package_tests(PACKAGE)
    assert done.returncode == 0, done.stdout + done.stderr
