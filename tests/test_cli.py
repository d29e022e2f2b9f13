"""The command line on a tiny project whose numbers are computed by hand.

Tiny rubric, balanced scheme: values and risks weigh 1:1, so openness and
progress get 0.25 each and misuse 0.5.  Proposal a (2, 1, -1) scores
0.5 + 0.25 - 0.5 = 0.25; b (-1, 0, 2) scores -0.25 + 0 + 1 = 0.75; c scores 0.
Risk-first (1:3): weights 0.125, 0.125, 0.75, so a = -0.375, b = 1.375, c = 0.
"""

from __future__ import annotations

import json

import pytest

from rubric.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_score_json_matches_hand_computation(project, capsys):
    """`score --format json` gives the hand-computed totals, sub-scores and ranks."""
    code, out, err = run(capsys, "score", "--all-schemes", "--format", "json")
    assert code == 0, err
    tables = json.loads(out)
    assert [t["title"].split("scheme ")[1] for t in tables] == ["'balanced', weighted-sum", "'risk-first', weighted-sum"]
    balanced = {row["Proposal"]: row for row in tables[0]["rows"]}
    assert balanced["a"]["Score"] == pytest.approx(0.25)
    assert balanced["b"]["Score"] == pytest.approx(0.75)
    assert balanced["c"]["Score"] == pytest.approx(0.0)
    assert balanced["a"]["Values"] == pytest.approx(1.5)
    assert balanced["a"]["Risks"] == pytest.approx(-1.0)
    assert [row["Proposal"] for row in tables[0]["rows"]] == ["b", "a", "c"]
    risk_first = {row["Proposal"]: row for row in tables[1]["rows"]}
    assert risk_first["a"]["Score"] == pytest.approx(-0.375)
    assert risk_first["b"]["Score"] == pytest.approx(1.375)
    assert [row["Rank"] for row in tables[1]["rows"]] == [1, 2, 3]


def test_score_defaults_to_the_first_scheme(project, capsys):
    """Without --scheme, score uses each rubric's first (default) scheme."""
    code, out, _ = run(capsys, "score", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "Rank,Proposal,Score,Values,Risks"
    assert len(out.splitlines()) == 4


def test_score_one_scheme_text(project, capsys):
    """`--scheme` limits output to that scheme, rendered to three decimals."""
    code, out, _ = run(capsys, "score", "--scheme", "risk-first")
    assert code == 0
    assert "risk-first" in out and "'balanced'" not in out
    assert "1.375" in out and "-0.375" in out


def test_compare_reports_tau_and_robust_conclusions(project, capsys):
    """Kendall's tau-b between the two schemes is (2 - 1) / 3 by hand; b is first under both."""
    code, out, _ = run(capsys, "compare", "--format", "json", "--top", "1")
    assert code == 0
    scores, ranks, agreement, robust = json.loads(out)
    assert {row["Proposal"]: row["risk-first"] for row in ranks["rows"]} == {"b": 1, "c": 2, "a": 3}
    assert {row["Proposal"]: row["balanced"] for row in scores["rows"]} == pytest.approx({"a": 0.25, "b": 0.75, "c": 0.0})
    tau = {row["Scheme"]: row for row in agreement["rows"]}
    assert tau["balanced"]["risk-first"] == pytest.approx(1 / 3)
    assert tau["balanced"]["balanced"] == pytest.approx(1.0)
    rows = {row["Proposal"]: row for row in robust["rows"]}
    assert rows["b"]["Same rank everywhere"] == "yes" and rows["b"]["Top 1 everywhere"] == "yes"
    assert rows["a"]["Best rank"] == 2 and rows["a"]["Worst rank"] == 3
    assert "In the top 1 under every scheme: b." in robust["notes"]


def test_ties_share_a_rank_and_are_marked(project, capsys):
    """Identical proposals share a rank, shown as '1=' in text, and the next rank is skipped."""
    (project / "proposals" / "d.toml").write_text(
        (project / "proposals" / "b.toml").read_text().replace('id = "b"', 'id = "d"')
    )
    code, out, _ = run(capsys, "score", "--scheme", "balanced", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[1].startswith("1,b,") and lines[2].startswith("1,d,") and lines[3].startswith("3,a,")
    code, out, _ = run(capsys, "score", "--scheme", "balanced")
    assert "1=" in out and "A rank followed by '=' is shared" in out


def test_explain_traces_value_weight_contribution_and_rationale(project, capsys):
    """`explain` shows each criterion's value, label, weight and contribution, and the rationale."""
    code, out, _ = run(capsys, "explain", "a", "--format", "json")
    assert code == 0
    about, by_scheme, criteria, ratings, sources = json.loads(out)
    rows = {row["Criterion"]: row for row in criteria["rows"]}
    assert rows["Openness"]["Value"] == 2 and rows["Openness"]["Label"] == "strongly improves"
    assert rows["Openness"]["Weight"] == pytest.approx(0.25)
    assert rows["Misuse"]["Contribution"] == pytest.approx(-0.5)
    assert sum(r["Contribution"] for r in criteria["rows"]) == pytest.approx(0.25)
    assert ratings["rows"][0]["Rationale"] == "Because." and ratings["rows"][0]["Sources"] == "src"
    assert sources["rows"][0]["Id"] == "src"
    assert [r["Scheme"] for r in by_scheme["rows"]] == ["balanced", "risk-first"]


def test_explain_by_path_and_unknown(project, capsys):
    """A proposal can be named by file; an unknown one is a usage error with a suggestion."""
    code, out, _ = run(capsys, "explain", "proposals/a.toml", "--scheme", "risk-first")
    assert code == 0 and "Proposal a" in out
    code, out, err = run(capsys, "explain", "aa")
    assert code == 2 and out == ""
    assert "no proposal 'aa'" in err and "did you mean 'a'" in err


def test_validate_clean_project(project, capsys):
    """A clean project validates with exit status 0 and a summary on stderr."""
    code, out, err = run(capsys, "validate")
    assert code == 0 and out == ""
    assert "1 rubrics and 3 proposals are valid" in err


def test_plugins_lists_builtins_with_sources(project, capsys):
    """`plugins` lists every built-in plugin and what it registers."""
    code, out, _ = run(capsys, "plugins", "--format", "json")
    assert code == 0
    plugins, components = json.loads(out)
    assert {"Plugin": "rubric.criteria.assessed", "Source": "built-in"} in plugins["rows"]
    names = {(row["Category"], row["Name"]) for row in components["rows"]}
    assert ("aggregation method", "weighted-sum") in names
    assert ("output format", "github") in names and ("output format", "json") in names


@pytest.mark.parametrize("fmt", ["github", "grid", "latex", "html", "csv", "json", "tsv", "rst"])
def test_every_format_renders(project, capsys, fmt):
    """Tabulate formats, JSON and CSV all render the comparison."""
    code, out, _ = run(capsys, "compare", "--format", fmt)
    assert code == 0
    assert "balanced" in out


def test_unknown_format_lists_known(project, capsys):
    """An unknown --format is a usage error that suggests the nearest one."""
    code, out, err = run(capsys, "score", "--format", "githb")
    assert code == 2 and out == ""
    assert "did you mean 'github'" in err


def test_help_has_an_example_for_every_command(capsys):
    """Every command's --help ends with an example."""
    from rubric.cli import COMMANDS

    for name in COMMANDS:
        with pytest.raises(SystemExit) as exit_info:
            main([name, "--help"])
        assert exit_info.value.code == 0
        out = capsys.readouterr().out
        assert "example:\n  rubric " + name in out


def test_no_project_folder_is_a_usage_error(tmp_path, monkeypatch, capsys):
    """Outside a project folder, the message says what to do."""
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "score")
    assert code == 2 and out == ""
    assert "rubrics: no such file or folder" in err and "project folder" in err


def test_python_dash_m(project):
    """`python -m rubric` runs the same command line."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "rubric", "score", "--format", "csv"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Rank,Proposal,Score")


def test_validate_runs_computed_criteria(project, capsys):
    """A fact a computed criterion needs is checked by validate, not first by score."""
    plugin = project / "constant.py"
    plugin.write_text(
        "from rubric import hookimpl\n"
        "from rubric.components import CriterionKind\n"
        "from rubric.errors import InputError, Problem\n"
        "def score(criterion, proposal, rubric):\n"
        "    if 'level' not in proposal.facts:\n"
        "        raise InputError([Problem(proposal.path, 'facts.level', 'missing fact')])\n"
        "    return proposal.facts['level']\n"
        "@hookimpl\n"
        "def rubric_criterion_kinds():\n"
        "    return [CriterionKind('level', score)]\n"
    )
    rubric = (project / "rubrics" / "tiny.toml").read_text()
    (project / "rubrics" / "tiny.toml").write_text(
        rubric.replace('title = "Tiny rubric"', 'title = "Tiny rubric"\nplugins = ["../constant.py"]').replace(
            'title = "Misuse"', 'title = "Misuse"\nkind = "level"'
        )
    )
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert err.count("is computed (kind 'level') from the proposal's facts; its ratings would be ignored") == 3
    for name in "abc":
        path = project / "proposals" / f"{name}.toml"
        path.write_text(path.read_text().split("[[assessments.tiny.misuse]]")[0])
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert err.count("[facts.level] missing fact") == 3


def test_sensitivity_stability_hand_computed(project, capsys):
    """Values-group weight w: a = 2.5w - 1, b = 2 - 2.5w, c = 0, so the ranking b > a > c holds
    for w in [0.4, 0.6] (c passes a below, a passes b above) and b stays first up to 0.6."""
    code, out, err = run(capsys, "sensitivity", "--stability", "--scheme", "balanced", "--format", "json")
    assert code == 0, err
    ranking, top = json.loads(out)
    row = next(r for r in ranking["rows"] if r["Weight of"] == "Values")
    assert (row["Weight"], row["From"], row["To"]) == pytest.approx((0.5, 0.4, 0.6))
    assert "c passes a" in row["Below: passes"] and "a passes b" in row["Above: passes"]
    row = next(r for r in top["rows"] if r["Weight of"] == "Values")
    assert (row["From"], row["To"]) == pytest.approx((0.0, 0.6))


def test_sensitivity_smaa_is_seeded(project, capsys):
    """The same seed gives the same acceptabilities; each row sums to 100 %."""
    argv = ("sensitivity", "--smaa", "--samples", "500", "--seed", "7", "--format", "json")
    code, first, _ = run(capsys, *argv)
    assert code == 0
    assert run(capsys, *argv)[1] == first
    acceptability = json.loads(first)[0]
    for row in acceptability["rows"]:
        assert sum(v for k, v in row.items() if k.startswith("Rank ")) == pytest.approx(100)


def test_sensitivity_raters_needs_two_raters(project, capsys):
    """With one rater per criterion, alpha is undefined and shown as n/a."""
    code, out, _ = run(capsys, "sensitivity", "--raters")
    assert code == 0 and "n/a" in out


def test_scheme_constraints_are_checked(project, capsys):
    """SMAA weight constraints in a scheme are validated at their key path."""
    path = project / "rubrics" / "tiny.toml"
    path.write_text(path.read_text() + '\n[schemes.balanced.constraints]\nbounds = { valuez = [0.2, 0.8] }\n')
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert "[schemes.balanced.constraints.bounds.valuez]" in err


def test_promethee_per_criterion_through_the_engine(project, capsys):
    """PROMETHEE II with a per-criterion preference function, worked by hand.

    Weights 0.25, 0.25, 0.5; usual on openness and progress, v-shape with p = 4 on misuse.
    π(a,b) = .5, π(b,a) = .75·.5 = .375; π(a,c) = .5, π(c,a) = .25·.5 = .125;
    π(b,c) = .5·.5 = .25, π(c,b) = .25.  φ(a) = ½(.125 + .375) = .25, φ(b) = -.0625,
    φ(c) = -.1875; on the -2…2 scale the score is 2φ: .5, -.125, -.375.
    """
    path = project / "rubrics" / "tiny.toml"
    path.write_text(
        path.read_text().replace(
            'title = "Balanced"',
            'title = "Balanced"\naggregation = { method = "promethee-ii", per_criterion = { misuse = { function = "v-shape", p = 4 } } }',
        )
    )
    code, out, err = run(capsys, "score", "--format", "json")
    assert code == 0, err
    rows = {row["Proposal"]: row["Score"] for row in json.loads(out)[0]["rows"]}
    assert rows == pytest.approx({"a": 0.5, "b": -0.125, "c": -0.375})


def test_no_proposals_is_said(project, capsys):
    """An empty proposals folder gives empty tables and says so on stderr."""
    for path in (project / "proposals").glob("*.toml"):
        path.unlink()
    code, out, err = run(capsys, "score")
    assert code == 0 and "Rank" in out
    assert "no proposals found in proposals" in err


def test_compare_methods_side_by_side(project, capsys):
    """--methods adds a column per scheme and method, included in the rank agreement."""
    code, out, err = run(capsys, "compare", "--methods", "topsis,maximin", "--format", "json")
    assert code == 0, err
    scores, ranks, agreement, robust = json.loads(out)
    assert scores["columns"] == [
        "Proposal", "balanced", "risk-first", "balanced/topsis", "balanced/maximin", "risk-first/topsis", "risk-first/maximin",
    ]
    tau = {row["Scheme"]: row for row in agreement["rows"]}
    assert tau["balanced/maximin"]["balanced/maximin"] == pytest.approx(1.0)
    assert "balanced/topsis: Balanced (topsis)" in scores["notes"]
