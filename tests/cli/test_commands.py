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


def value(records, **where):
    """The ``value`` of the one record matching every field given."""
    (record,) = [r for r in records if all(r.get(k) == v for k, v in where.items())]
    return record["value"]


def test_score_json_matches_hand_computation(project, capsys):
    """`score --format json` gives the hand-computed totals, sub-scores and ranks."""
    code, out, err = run(capsys, "score", "--all-schemes", "--format", "json")
    assert code == 0, err
    scores = json.loads(out)["scores"]
    pairs = list(dict.fromkeys((r["scheme"], r["method"]) for r in scores))
    assert pairs == [("balanced", "weighted-sum"), ("risk-first", "weighted-sum")]
    balanced = {r["proposal"]: r for r in scores if r["scheme"] == "balanced" and r["measure"] == "score" and r["group"] is None}
    assert balanced["a"]["value"] == pytest.approx(0.25)
    assert balanced["b"]["value"] == pytest.approx(0.75)
    assert balanced["c"]["value"] == pytest.approx(0.0)
    assert value(scores, scheme="balanced", proposal="a", group="values") == pytest.approx(1.5)
    assert value(scores, scheme="balanced", proposal="a", group="risks") == pytest.approx(-1.0)
    ranks = {r["proposal"]: r["value"] for r in scores if r["scheme"] == "balanced" and r["measure"] == "rank"}
    assert sorted(ranks, key=ranks.get) == ["b", "a", "c"]
    assert value(scores, scheme="risk-first", proposal="a", measure="score", group=None) == pytest.approx(-0.375)
    assert value(scores, scheme="risk-first", proposal="b", measure="score", group=None) == pytest.approx(1.375)
    assert sorted(r["value"] for r in scores if r["scheme"] == "risk-first" and r["measure"] == "rank") == [1, 2, 3]


def test_score_defaults_to_the_first_scheme(project, capsys):
    """Without --scheme, score uses each rubric's first (default) scheme."""
    code, out, _ = run(capsys, "score", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "rubric,rubric_version,scheme,method,proposal,group,measure,value,tied"
    # 3 proposals × (score, two group sub-scores, rank), all under the first scheme
    assert len(out.splitlines()) == 1 + 3 * 4
    assert {line.split(",")[2] for line in out.splitlines()[1:]} == {"balanced"}


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
    data = json.loads(out)
    assert list(data) == ["scores", "ranks", "agreement", "robustness"]
    assert {r["proposal"]: r["value"] for r in data["ranks"] if r["scheme"] == "risk-first"} == {"b": 1, "c": 2, "a": 3}
    totals = {r["proposal"]: r["value"] for r in data["scores"] if r["scheme"] == "balanced" and r["group"] is None}
    assert totals == pytest.approx({"a": 0.25, "b": 0.75, "c": 0.0})
    assert value(data["agreement"], scheme_a="balanced", scheme_b="risk-first") == pytest.approx(1 / 3)
    assert value(data["agreement"], scheme_a="balanced", scheme_b="balanced") == pytest.approx(1.0)
    robust = data["robustness"]
    assert value(robust, proposal="b", measure="same_rank_everywhere") is True
    assert value(robust, proposal="b", measure="top_everywhere") is True
    assert value(robust, proposal="a", measure="best_rank") == 2 and value(robust, proposal="a", measure="worst_rank") == 3
    code, out, _ = run(capsys, "compare", "--top", "1")
    assert "In the top 1 under every scheme: b." in out


def test_ties_share_a_rank_and_are_marked(project, capsys):
    """Identical proposals share a rank, shown as '1=' in text, and the next rank is skipped."""
    (project / "proposals" / "d.toml").write_text(
        (project / "proposals" / "b.toml").read_text().replace('id = "b"', 'id = "d"')
    )
    code, out, _ = run(capsys, "score", "--scheme", "balanced", "--format", "csv")
    assert code == 0
    ranks = [line for line in out.splitlines() if ",rank," in line]
    assert "tiny,1.0,balanced,weighted-sum,b,,rank,1,true" in ranks and "tiny,1.0,balanced,weighted-sum,d,,rank,1,true" in ranks
    assert "tiny,1.0,balanced,weighted-sum,a,,rank,3,false" in ranks
    code, out, _ = run(capsys, "score", "--scheme", "balanced")
    assert "1=" in out and "A rank followed by '=' is shared" in out


def test_explain_traces_value_weight_contribution_and_rationale(project, capsys):
    """`explain` shows each criterion's value, label, weight and contribution, and the rationale."""
    code, out, _ = run(capsys, "explain", "a", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["proposal", "scores", "criteria", "ratings", "sources"]
    rows = {row["criterion"]: row for row in data["criteria"]}
    assert rows["openness"]["value"] == 2 and rows["openness"]["label"] == "strongly improves"
    assert rows["openness"]["weight"] == pytest.approx(0.25)
    assert rows["misuse"]["contribution"] == pytest.approx(-0.5)
    assert sum(r["contribution"] for r in data["criteria"]) == pytest.approx(0.25)
    assert data["ratings"][0]["rationale"] == "Because." and data["ratings"][0]["sources"] == ["src"]
    assert data["sources"][0]["id"] == "src"
    assert list(dict.fromkeys(r["scheme"] for r in data["scores"])) == ["balanced", "risk-first"]


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
    plugins, components = json.loads(out).values()
    assert {"plugin": "rubric.criteria.assessed", "source": "built-in"} in plugins
    names = {(row["category"], row["name"]) for row in components}
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
    assert done.stdout.startswith("rubric,rubric_version,scheme,method,proposal")


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
    ranking, top = json.loads(out).values()
    row = next(r for r in ranking if r["weight_of"] == "Values")
    assert (row["weight"], row["from"], row["to"]) == pytest.approx((0.5, 0.4, 0.6))
    assert "c passes a" in row["below_passes"] and "a passes b" in row["above_passes"]
    row = next(r for r in top if r["weight_of"] == "Values")
    assert (row["from"], row["to"]) == pytest.approx((0.0, 0.6))


def test_sensitivity_smaa_is_seeded(project, capsys):
    """The same seed gives the same acceptabilities; each row sums to 100 %."""
    argv = ("sensitivity", "--smaa", "--samples", "500", "--seed", "7", "--format", "json")
    code, first, _ = run(capsys, *argv)
    assert code == 0
    assert run(capsys, *argv)[1] == first
    acceptability = next(iter(json.loads(first).values()))
    for row in acceptability:
        assert sum(v for k, v in row.items() if k.startswith("rank_")) == pytest.approx(100)


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
            'title = "Balanced"\n'
            'aggregation = { method = "promethee-ii", per_criterion = { misuse = { function = "v-shape", p = 4 } } }',
        )
    )
    code, out, err = run(capsys, "score", "--format", "json")
    assert code == 0, err
    rows = {r["proposal"]: r["value"] for r in json.loads(out)["scores"] if r["measure"] == "score" and r["group"] is None}
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
    data = json.loads(out)
    assert list(dict.fromkeys((r["scheme"], r["method"]) for r in data["scores"])) == [
        ("balanced", "weighted-sum"), ("risk-first", "weighted-sum"), ("balanced", "topsis"), ("balanced", "maximin"),
        ("risk-first", "topsis"), ("risk-first", "maximin"),
    ]
    crossing = {"scheme_a": "balanced", "method_a": "maximin", "scheme_b": "balanced", "method_b": "maximin"}
    assert value(data["agreement"], **crossing) == pytest.approx(1.0)
    code, out, err = run(capsys, "compare", "--methods", "topsis,maximin")
    assert "balanced/topsis: Balanced (topsis)" in out
