"""Misbehaving plugins are reported, never shown as tracebacks or wrong tables.

Each fixture in ``tests/plugins/`` misbehaves in one way.  Every test runs the
command line on a one-criterion rubric whose criterion ``gauge`` uses the kind
``broken`` and one proposal ``p-one``, with the plugin named either by
``--plugin`` or in the rubric's ``plugins`` list, and checks: exit status 2,
an error naming the plugin file (and the criterion and the proposal when the
failure happened while scoring), no traceback, nothing on stdout.

The tests after "scoping" add a second rubric, ``plain``, or a fake installed
plugin, and check that only the rubrics a command uses need their plugins,
what an unknown kind says about where it could come from, and the options
``-p no:NAME``, ``--no-rubric-plugins`` and ``--traceback``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from rubric.cli import main
from rubric.model import Rubric

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


# --- scoping: only the rubrics in use need their plugins ------------------------------------

PLAIN = RUBRIC.replace('id = "gauged"', 'id = "plain"').replace('title = "Gauged"', 'title = "Plain"')


def plain_rubric(folder: Path) -> None:
    """A second rubric, ``plain``, whose one criterion is assessed, and p-one's rating of it."""
    (folder / "rubrics" / "plain.toml").write_text(PLAIN.format(plugins="", kind="assessed", params="{}"))
    (folder / "proposals" / "p-one.toml").write_text(
        PROPOSAL + '\n[[assessments.plain.gauge]]\nscore = 1\nrationale = "r"\n\n[[assessments.gauged.gauge]]\nscore = 9\n'
    )


class FailingEntryPoint:
    """An installed plugin whose import fails (pluggy's way of faking a distribution)."""

    name, value = "rubric_broken", "rubric_broken_module"
    dist = type("Dist", (), {"name": "rubric-broken", "version": "0.3"})()

    def load(self):
        raise ImportError("No module named 'numpyy'")


@pytest.fixture
def broken_installed(monkeypatch):
    monkeypatch.setattr("importlib.metadata.entry_points", lambda group=None: [FailingEntryPoint()])
    monkeypatch.delenv("RUBRIC_DISABLE_PLUGIN_AUTOLOAD")


def test_unrelated_rubric_with_a_broken_plugin_does_not_stop_another(folder, capsys):
    """--rubric plain runs though gauged's plugin fails to import and p-one rates gauged off its scale."""
    setup(folder, ["fails_to_import.py"], "rubric")
    plain_rubric(folder)
    code, out, err = run(capsys, ["score", "--rubric", "plain"])
    assert code == 0, err
    assert "p-one" in out
    assert err == ""
    assert_reported(*run(capsys, ["validate"]), "fails_to_import.py")


def test_unreadable_unrelated_rubric_is_a_one_line_warning(folder, capsys):
    """A rubric file the command does not use that has problems is a warning, not exit 2; validate still fails."""
    plain_rubric(folder)
    (folder / "rubrics" / "gauged.toml").write_text("id = \n")
    code, _, err = run(capsys, ["score", "--rubric", "plain"])
    assert code == 0, err
    assert err.startswith("rubric: warning: rubrics/gauged.toml is not used here and was left out: 1 problem")
    assert err.count("\n") == 1
    assert run(capsys, ["validate"])[0] == 1


def test_failing_installed_plugin_is_a_warning(folder, capsys, broken_installed):
    """An entry point that fails to import is a one-line warning when no rubric in use needs it."""
    plain_rubric(folder)
    code, _, err = run(capsys, ["score", "--rubric", "plain"])
    assert code == 0, err
    assert err == (
        "rubric: warning: plugin rubric_broken (entry point rubric_broken_module of rubric-broken 0.3) failed to import: "
        "ImportError: No module named 'numpyy' (to run without it: -p no:rubric_broken, or --no-plugin-autoload for "
        "every installed plugin); carrying on without it\n"
    )
    code, _, err = run(capsys, ["score", "--rubric", "plain", "-p", "no:rubric_broken"])
    assert (code, err) == (0, "")


def test_unknown_kind_names_the_failed_installed_plugin(folder, capsys, broken_installed):
    """A kind no loaded plugin provides names the installed plugin that failed as a likely source."""
    setup(folder, [], "none")
    code, _, err = run(capsys, ["score"])
    assert code == 2
    assert (
        "unknown criterion kind 'broken'. Known: assessed, value-function. "
        "It may be provided by a plugin left out: plugin rubric_broken"
    ) in err


def test_unknown_kind_names_a_blocked_builtin(folder, capsys):
    """-p no:MODULE blocks a built-in; the kind it provided is then unknown, naming it and the option."""
    setup(folder, [], "none", kind="assessed")
    code, _, err = run(capsys, ["validate", "-p", "no:rubric.criteria.assessed"])
    assert code == 1
    assert (
        "It is provided by a plugin left out: plugin rubric.criteria.assessed (built-in), "
        "blocked by -p no:rubric.criteria.assessed."
    ) in err


def test_unknown_kind_points_to_another_rubrics_plugin_file(folder, capsys):
    """A rubric using a kind that only another rubric's plugin file provides is told to list that file."""
    setup(folder, ["good.py"], "rubric")
    (folder / "rubrics" / "plain.toml").write_text(PLAIN.format(plugins="", kind="broken", params="{}"))
    code, _, err = run(capsys, ["score", "--rubric", "plain"])
    assert code == 2
    assert f"The plugin file {folder / 'plugins' / 'good.py'} provides it (plugins[0] of rubrics/gauged.toml)" in err


def test_unknown_kind_without_a_known_source_says_how_to_add_one(folder, capsys):
    """With no candidate plugin, the error says to name a plugin file or install the package."""
    setup(folder, [], "none")
    assert_reported(*run(capsys, ["score"]), "name its file in the rubric's plugins = [...] or install its package")


def test_rubric_plugin_failure_names_the_rubric_key(folder, capsys):
    """A rubric's plugin file that fails to import is reported at its plugins[i] key, with the line."""
    setup(folder, ["good.py", "fails_to_import.py"], "rubric")
    assert_reported(*run(capsys, ["score"]), "rubrics/gauged.toml:5: [plugins[1]] plugin file")


def test_no_rubric_plugins_imports_nothing(folder, capsys):
    """--no-rubric-plugins checks a rubric without importing its plugins; their kinds are unknown."""
    setup(folder, ["fails_to_import.py"], "rubric")
    code, _, err = run(capsys, ["validate", "--no-rubric-plugins"])
    assert code == 1
    assert "rubric_no_such_dependency" not in err
    assert "unknown criterion kind 'broken'" in err
    assert "The rubrics' plugin files were not imported (--no-rubric-plugins)." in err


@pytest.mark.parametrize(
    ("command", "option", "status"), [("score", "--traceback", 2), ("compare", "--debug", 2), ("validate", "--traceback", 1)]
)
def test_traceback_shows_what_the_plugin_raised(folder, capsys, command, option, status):
    """--traceback (or --debug) prints the plugin's own traceback after the one-paragraph message."""
    extra = setup(folder, ["raises_in_score.py"], "option")
    code, _, err = run(capsys, [command, *extra, option])
    assert code == status
    message, trace = err.split("Traceback (most recent call last):")
    assert message.count("raises_in_score.py") == 1 and "ZeroDivisionError" in message
    assert "raises_in_score.py" in trace and "ZeroDivisionError: division by zero\n" in trace


def test_plugin_option_must_be_no_name(capsys):
    """-p takes no:NAME only; anything else is a usage error."""
    with pytest.raises(SystemExit) as exit:
        main(["score", "-p", "topsis"])
    assert exit.value.code == 2
    assert "expected no:NAME" in capsys.readouterr().err


def test_plugins_lists_what_was_left_out_and_warns_of_an_unknown_block(folder, capsys, broken_installed):
    """`rubric plugins` lists blocked and failed plugins as left out; -p no: with no such plugin is a warning."""
    blocks = ["-p", "no:rubric.aggregation.topsis", "-p", "no:rubric.aggregation.topsiss"]
    code, out, err = run(capsys, ["plugins", "-f", "csv", *blocks])
    assert code == 0, err
    assert "rubric.aggregation.topsis,built-in; left out: -p no:rubric.aggregation.topsis" in out
    assert "rubric_broken,entry point rubric_broken_module of rubric-broken 0.3; left out: it failed to load" in out
    assert (
        "rubric: warning: -p no:rubric.aggregation.topsiss: no plugin has this name; "
        "did you mean 'rubric.aggregation.topsis'?"
    ) in err


@pytest.mark.parametrize(
    "argv",
    [
        ["score"], ["compare"], ["explain", "p"], ["sensitivity"], ["validate"], ["plugins"],
        ["new", "plugin", "x"], ["new", "scheme", "s", "--rubric", "r"],
    ],
)
def test_every_command_takes_traceback_and_plugin_blocks(argv):
    """--traceback/--debug is on every command; -p no:NAME on every command that loads plugins."""
    from rubric.cli.parser import build_parser

    assert build_parser().parse_args([*argv, "--debug"]).traceback is True
    if argv[:2] != ["new", "plugin"]:
        assert build_parser().parse_args([*argv, "-p", "no:a", "-p", "no:b"]).block == ["a", "b"]


def test_assessments_of_a_rubric_not_in_use_are_no_typo(folder, capsys):
    """With --rubric gauged2, p-one's ratings of the rubric gauged are left alone, not taken for a typo of gauged2."""
    setup(folder, ["good.py"], "rubric")
    (folder / "rubrics" / "gauged2.toml").write_text(
        RUBRIC.replace('id = "gauged"', 'id = "gauged2"').format(plugins="", kind="assessed", params="{}")
    )
    (folder / "proposals" / "p-one.toml").write_text(
        PROPOSAL + '\n[[assessments.gauged2.gauge]]\nscore = 1\nrationale = "r"\n\n[[assessments.gauged.gauge]]\nscore = 1\n'
    )
    code, out, err = run(capsys, ["score", "--rubric", "gauged2"])
    assert (code, err) == (0, ""), err
    assert "p-one" in out


@pytest.mark.skipif(
    "requires" not in attrs.fields_dict(Rubric), reason="needs the rubric field requires from the loading package"
)
def test_missing_required_distribution_is_named_with_the_install_command(folder, capsys):
    """A rubric whose requires names a distribution that is not installed: an error at requires[0] with the pip install."""
    setup(folder, [], "none")
    rubric = folder / "rubrics" / "gauged.toml"
    requiring = 'version = "1.0"\nrequires = ["rubric-surely-not-installed>=0.1"]'
    rubric.write_text(rubric.read_text().replace('version = "1.0"', requiring))
    assert_reported(
        *run(capsys, ["score"]),
        "gauged.toml:5: [requires[0]] needs the distribution rubric-surely-not-installed, which is not installed; "
        "run: pip install 'rubric-surely-not-installed>=0.1'",
    )


def test_project_file_naming_a_rubric_not_in_use(folder, capsys):
    """rubric.toml listing every rubric does not make --rubric plain fail on the ids it did not load."""
    setup(folder, ["good.py"], "rubric")
    plain_rubric(folder)
    (folder / "rubric.toml").write_text('default = "plain"\nrubrics = ["gauged", "plain"]\n')
    code, out, err = run(capsys, ["score", "--rubric", "plain"])
    assert (code, err) == (0, ""), err
    assert "p-one" in out
