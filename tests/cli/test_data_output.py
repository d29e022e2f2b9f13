"""`--format json` and `csv` are data: ids as keys, tidy records, clean numbers, a schema per command."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from golden import render
from rubric.cli import main
from rubric.components import Table, clean_number


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def schema_errors(command: str, data) -> list:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((REPO / "docs" / "schema" / f"output-{command}.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize(
    "command, argv",
    [
        ("compare", ["compare", "--methods", "topsis,maximin"]),
        ("score", ["score", "--all-schemes"]),
        ("explain", ["explain", "blanket-export-controls", "--rubric", "open-source-ai"]),
        ("explain", ["explain", "nairr"]),
    ],
)
def test_shipped_json_output_matches_its_schema(command, argv):
    """The JSON each command writes on the shipped files satisfies docs/schema/output-COMMAND.schema.json."""
    data = json.loads(render([*argv, "--no-plugin-autoload", "--format", "json"]))
    assert schema_errors(command, data) == []
    if argv[1] == "blanket-export-controls":
        assert "raters" in data  # two raters: the side-by-side table is data too


def test_schema_rejects_display_titles():
    """The schema is strict: a record keyed by display titles (the old shape) fails it."""
    assert schema_errors("score", {"scores": [{"Rank": 1, "Proposal": "a", "Score": 0.25}]})


def test_numbers_are_rounded_to_12_significant_digits():
    """Float noise is gone from data; ranks are integers, flags booleans, None stays null."""
    assert clean_number(0.6599999999999999) == 0.66
    assert clean_number(0.1 + 0.2) == 0.3
    assert clean_number(2 / 3) == 0.666666666667 and str(clean_number(-0.0)) == "0.0"
    assert clean_number(True) is True and clean_number(None) is None and clean_number(3) == 3
    table = Table("T", ("A",), ((0.1 + 0.2,),), name="t", data=({"x": 2 / 3},))
    assert table.data_records() == [{"x": 0.666666666667}]
    assert Table("Weights of it", ("Weight of", "Below: passes"), ((1, "x"),)).data_records() == [{"weight_of": 1, "below_passes": "x"}]


def test_shipped_json_has_no_float_noise():
    """No number in the shipped comparison's JSON carries more than 12 significant digits."""
    import re

    text = render(["compare", "--no-plugin-autoload", "--format", "json"])
    numbers = re.findall(r"(?<![\w.-])-?\d+\.\d+(?:e-?\d+)?", text)
    assert numbers and max(len(n.split("e")[0].replace("-", "").replace(".", "").lstrip("0")) for n in numbers) <= 12
    assert "0.291666666667" in text  # 7/24 (data-access, balanced, data-licensing-treaties), to 12 digits


def test_csv_is_one_tidy_table(project, capsys):
    """compare's CSV is one table: a `table` column, the same fields on every row, booleans as true/false."""
    import csv
    import io

    code, out, _ = run(capsys, "compare", "--format", "csv", "--top", "1")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:2] == ["table", "rubric"]
    assert {r["table"] for r in rows} == {"scores", "ranks", "agreement", "robustness"}
    robust = {(r["proposal"], r["measure"]): r["value"] for r in rows if r["table"] == "robustness"}
    assert robust["b", "top_everywhere"] == "true" and robust["a", "top_everywhere"] == "false"
    ranks = {(r["scheme"], r["proposal"]): (r["value"], r["tied"]) for r in rows if r["table"] == "ranks"}
    assert ranks["balanced", "b"] == ("1", "false")  # b = 0.75 is first under balanced (module docstring of test_cli)


def test_tie_break_is_never_shown_as_a_score(project, capsys):
    """balanced/maximin by hand: values mapped to [0, 1] are t = (x + 2) / 4, importances w / max w = (.5, .5, 1),
    each criterion counts max(t, 1 − importance).  a (2, 1, -1): (1, .75, .25) → worst .25 → score −1;
    b (-1, 0, 2): (.5, .5, 1) → .5 → 0; c (0, 0, 0): (.5, .5, .5) → .5 → 0.  b and c tie on the worst value;
    leximin ranks b first on its next-worst (.5 = .5, then 1 > .5), so the ranks are b 1, c 2, a 3 while both
    b's and c's scores read 0 — the tie-break (up to 1e-4 of the range) is not part of the score."""
    code, out, _ = run(capsys, "score", "--scheme", "balanced", "--format", "json")
    code, out, err = run(capsys, "compare", "--scheme", "balanced", "--methods", "maximin", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    scores = {r["proposal"]: r["value"] for r in data["scores"] if r["method"] == "maximin" and r["group"] is None}
    assert scores == {"a": -1.0, "b": 0.0, "c": 0.0}
    ranks = {r["proposal"]: (r["value"], r["tied"]) for r in data["ranks"] if r["method"] == "maximin"}
    assert ranks == {"b": (1, False), "c": (2, False), "a": (3, False)}


def test_evaluation_keeps_the_exact_order_apart(project):
    """In Python, .scores is what is shown and .totals keeps the tie-broken numbers the ranks follow."""
    import rubric

    rub = rubric.load_rubric("rubrics/tiny.toml", autoload=False)
    result = rubric.evaluate(rub, rubric.load_proposals("proposals"), schemes=["balanced"], methods=["maximin"])
    crossing = result.result("balanced/maximin")
    assert crossing.scores == (-1.0, 0.0, 0.0)
    assert crossing.totals[1] > crossing.totals[2] > crossing.totals[0]
    assert crossing.totals[1] - crossing.scores[1] <= 4e-4  # at most the tie-break share of the range
    assert crossing.groups["risks"] == (-1.0, 2.0, 0.0)  # one criterion: its value, no tie-break
