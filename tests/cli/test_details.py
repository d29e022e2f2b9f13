"""Command-line details: mixed option order, --version, shell completion, labels and empty intervals."""

from __future__ import annotations

import json
import sys

import pytest

from conftest import REPO
from rubric import __version__
from rubric.cli import main
from rubric.model import Scale


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_explain_takes_options_and_positionals_in_any_order(project, capsys):
    """`explain ID --scheme S PROPOSALS…` works: the folder after the option is read, not rejected."""
    code, out, err = run(capsys, "explain", "a", "--scheme", "risk-first", "proposals", "--format", "json")
    assert code == 0, err
    assert {r["scheme"] for r in json.loads(out)["criteria"]} == {"risk-first"}
    code, out, err = run(capsys, "explain", "--scheme", "risk-first", "a", "proposals/a.toml", "proposals/b.toml")
    assert code == 0, err and "Ranks are out of 2 proposals." in out


def test_unknown_arguments_are_still_rejected(project, capsys):
    """Mixed order does not swallow what no option takes."""
    with pytest.raises(SystemExit) as info:
        main(["explain", "a", "--bogus", "risk-first"])
    assert info.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_version(capsys):
    """`rubric --version` prints the version."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"rubric {__version__}"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script(shell, capsys):
    """`rubric completion SHELL` prints a script that knows the commands and their options."""
    pytest.importorskip("shtab")
    code, out, err = run(capsys, "completion", shell)
    assert code == 0, err
    assert "compare" in out and "--scheme" in out


def test_completion_without_shtab_says_what_to_install(monkeypatch, capsys):
    """Without the extra, the command names the pip install to run (exit 2), never a traceback."""
    monkeypatch.setitem(sys.modules, "shtab", None)  # import shtab now raises ImportError
    code, out, err = run(capsys, "completion", "bash")
    assert code == 2 and out == ""
    assert "pip install 'policy-rubric[completion]'" in err


def test_compare_does_not_import_completion_or_schema_packages():
    """The cold start of compare (weighted sums only: the feasibility rubric) imports none of the heavy or optional packages."""
    import subprocess

    code = "import sys; from rubric.cli import main; main(['compare', '--rubric', 'feasibility', '--no-plugin-autoload']); " \
        "print(sorted(m for m in ('numpy', 'shtab', 'jsonschema', 'matplotlib', 'jinja2') if m in sys.modules), file=sys.stderr)"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_half_steps_read_as_both_neighbours():
    """On −2…+2 labelled per integer, 0.5 is "between no effect and improves"; near values take the nearest label."""
    scale = Scale(-2, 2, ("strongly worsens", "worsens", "no effect", "improves", "strongly improves"))
    assert scale.label(0.5) == "between no effect and improves"
    assert scale.label(-1.5) == "between strongly worsens and worsens"
    assert scale.label(1.5) == "between improves and strongly improves"
    assert scale.label(0.4) == "no effect" and scale.label(0.6) == "improves"
    assert scale.label(1.0) == "improves" and scale.label(2.0) == "strongly improves" and scale.label(-2.0) == "strongly worsens"
    assert scale.label(0.1 + 0.2 + 0.2) == "between no effect and improves"  # 0.5000000000000001
    assert scale.label(3.0) == "strongly improves"  # off the scale: its nearer end


def test_interval_column_is_empty_without_an_interval(project, capsys):
    """A value without low/high shows an empty interval cell, not "n/a"; one with them shows the range."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text().replace("score = 1\n", "score = 1\nlow = 0.5\n", 1))
    code, out, err = run(capsys, "explain", "a", "--format", "github")
    assert code == 0, err
    criteria = out.split("Criteria under scheme")[1].split("\n\n")[1]
    cells = [line.split("|") for line in criteria.splitlines()[2:] if line.startswith("|")]
    rows = {cell[2].strip(): cell[5].strip() for cell in cells}
    assert rows == {"Openness": "", "Progress": "0.5 to 1", "Misuse": ""}
