"""Misbehaving plugins are reported, never shown as tracebacks or wrong tables.

Each fixture in ``tests/plugins/`` misbehaves in one way.  Every test runs the
command line on a one-criterion rubric whose criterion ``gauge`` uses the kind
``broken`` and one proposal ``p-one``, with the plugin named either by
``--plugin`` or in the rubric's ``plugins`` list, and checks: exit status 2,
an error naming the plugin file (and the criterion and the proposal when the
failure happened while scoring), no traceback, nothing on stdout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rubric.cli import main

FIXTURES = Path(__file__).parent / "plugins"

RUBRIC = """
id = "gauged"
title = "Gauged"
version = "1.0"
{plugins}

[scale]
min = -2
max = 2
labels = ["very poor", "poor", "neutral", "good", "very good"]

[groups.all]
title = "All"

[criteria.gauge]
group = "all"
title = "Gauge"
kind = "{kind}"
params = {params}
"""

PROPOSAL = """
id = "p-one"
title = "Proposal one"

[facts]
cost_usd = 1_000_000
"""

#: Plugins that load but fail while scoring ``gauge`` for ``p-one``.
SCORING_FAILURES = [
    "raises_in_score.py",
    "returns_string.py",
    "returns_nan.py",
    "returns_infinity.py",
    "returns_off_scale.py",
    "returns_bad_interval.py",
    "exits_in_score.py",
]

#: Plugins that fail while rubric loads them: (file, further words the message must contain).
LOADING_FAILURES = [
    ("fails_to_import.py", ["rubric_no_such_dependency"]),
    ("syntax_error.py", ["SyntaxError"]),
    ("raises_in_hook.py", ["rubric_criterion_kinds", "configuration not found"]),
    ("hook_returns_wrong_type.py", ["rubric_criterion_kinds", "CriterionKind"]),
    ("misspelled_hook.py", ["rubric_criterion_kind"]),
    ("bad_hook_signature.py", ["config"]),
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty project folder as the working directory, entry points off."""
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "proposals").mkdir()
    (tmp_path / "plugins").mkdir()
    (tmp_path / "proposals" / "p-one.toml").write_text(PROPOSAL)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD", "1")
    return tmp_path


def setup(folder: Path, plugin_files, how: str, *, kind: str = "broken", params: str = "{}") -> list:
    """Write the rubric and copy the fixtures in; the extra CLI arguments naming them."""
    copies = []
    for name in plugin_files:
        copy = folder / "plugins" / name
        shutil.copy(FIXTURES / name, copy)
        copies.append(copy)
    listed = ", ".join(f'"../plugins/{name}"' for name in plugin_files)
    plugins = f"plugins = [{listed}]" if how == "rubric" else ""
    (folder / "rubrics" / "gauged.toml").write_text(RUBRIC.format(plugins=plugins, kind=kind, params=params))
    if how == "option":
        return [arg for copy in copies for arg in ("--plugin", str(copy))]
    return []


def run(capsys, argv) -> tuple:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def assert_reported(code: int, out: str, err: str, *words: str) -> None:
    """Exit 2, a one-paragraph error containing ``words``, no traceback, no table."""
    assert code == 2, err
    assert out == ""
    assert err.startswith("rubric: error:"), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, f"{word!r} not in: {err}"


HOW = pytest.mark.parametrize("how", ["option", "rubric"])


@HOW
def test_good_plugin_scores(folder, capsys, how):
    """The control: a well-behaved plugin in the same setup scores with exit 0."""
    extra = setup(folder, ["good.py"], how)
    code, out, err = run(capsys, ["score", *extra])
    assert code == 0, err
    assert "p-one" in out


@HOW
@pytest.mark.parametrize("plugin", SCORING_FAILURES)
@pytest.mark.parametrize("command", [["score"], ["compare"], ["explain", "p-one"]])
def test_failure_while_scoring_names_plugin_criterion_and_proposal(folder, capsys, how, plugin, command):
    """A plugin that fails while scoring is named with the criterion and the proposal."""
    extra = setup(folder, [plugin], how)
    assert_reported(*run(capsys, [*command, *extra]), plugin, "'gauge'", "'p-one'")


@HOW
@pytest.mark.parametrize(("plugin", "words"), LOADING_FAILURES)
@pytest.mark.parametrize("command", [["score"], ["validate"], ["plugins"]])
def test_failure_while_loading_names_the_plugin(folder, capsys, how, plugin, words, command):
    """A plugin that cannot be loaded or registered is named, with what went wrong."""
    extra = setup(folder, [plugin], how)
    assert_reported(*run(capsys, [*command, *extra]), plugin, *words)


@HOW
def test_check_params_that_raises_names_plugin_and_criterion(folder, capsys, how):
    """check_params raising (instead of returning problems) names the plugin and the criterion."""
    extra = setup(folder, ["raises_in_check_params.py"], how)
    assert_reported(*run(capsys, ["score", *extra]), "raises_in_check_params.py", "gauge")


@HOW
def test_two_plugins_with_one_kind_are_both_named(folder, capsys, how):
    """Two plugins registering the same kind name: an error naming the name and both plugins."""
    extra = setup(folder, ["duplicate_a.py", "duplicate_b.py"], how, kind="twin")
    assert_reported(*run(capsys, ["score", *extra]), "'twin'", "duplicate_a.py", "duplicate_b.py")


def test_duplicate_across_rubric_and_option_is_named(folder, capsys):
    """One duplicate named in the rubric, the other on the command line: both are named."""
    setup(folder, ["duplicate_a.py"], "rubric", kind="twin")
    shutil.copy(FIXTURES / "duplicate_b.py", folder / "plugins" / "duplicate_b.py")
    code, out, err = run(capsys, ["score", "--plugin", "plugins/duplicate_b.py"])
    assert_reported(code, out, err, "duplicate_a.py", "duplicate_b.py")


@HOW
def test_shadowing_a_built_in_kind_is_refused(folder, capsys, how):
    """A plugin cannot replace the built-in ``assessed`` kind; both providers are named."""
    extra = setup(folder, ["shadows_builtin.py"], how)
    assert_reported(*run(capsys, ["score", *extra]), "'assessed'", "rubric.criteria.assessed", "shadows_builtin.py")


def test_missing_plugin_file_is_named(folder, capsys):
    """A plugin path in the rubric that does not exist is an error naming the path."""
    (folder / "rubrics" / "gauged.toml").write_text(
        RUBRIC.format(plugins='plugins = ["../plugins/nowhere.py"]', kind="broken", params="{}")
    )
    assert_reported(*run(capsys, ["score"]), "nowhere.py")


def test_real_process_prints_no_traceback(folder):
    """Run as a process, a plugin raising while scoring gives exit 2 and one clean message."""
    extra = setup(folder, ["raises_in_score.py"], "option")
    done = subprocess.run(
        [sys.executable, "-m", "rubric", "score", *extra], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert "ZeroDivisionError" in done.stderr
    assert done.stderr.count("rubric: error:") == 1
