"""Bad red lines and grade bands are located one-paragraph errors naming the file, line, key, expected and found."""

from __future__ import annotations

import pytest

from rubric.cli import main

RUBRIC = """id = "r"
title = "R"
version = "1"
rationale = "optional"
{top}
[scale]
min = -2
max = 2
labels = ["a", "b", "c", "d", "e"]
[groups.v]
title = "V"
{group}
[groups.r]
title = "R"
[criteria]
open = {{ group = "v", title = "Open" }}
misuse = {{ group = "r", title = "Misuse" }}
[schemes.s]
weighting = "equal"
{scheme}
"""

BANDS = '[[grades]]\nlabel = "good"\nlower = {good}\n[[grades]]\nlabel = "bad"\n{bad}\n'


@pytest.mark.parametrize(
    ("top", "group", "scheme", "key", "words"),
    [
        ('red_lines = [{ criterion = "misuze", below = -1 }]', "", "", "red_lines[0]", "did you mean 'misuse'"),
        ("", "", 'red_lines = [{ group = "rr", below = 0 }]', "schemes.s.red_lines[0]", "unknown criterion or group 'rr'"),
        ('red_lines = [{ criterion = "misuse", below = -1, effect = "exlude" }]', "", "", "red_lines[0].effect",
         "did you mean 'exclude'"),
        ('red_lines = [{ criterion = "misuse", below = -1, effect = "cap" }]', "", "", "red_lines[0].cap",
         "needs the value the total is capped at"),
        ('red_lines = [{ criterion = "misuse", below = -3 }]', "", "", "red_lines[0].below", "on the scale (-2 to 2), found -3"),
        ('red_lines = [{ criterion = "misuse" }]', "", "", "red_lines[0]", "expected a bound"),
        ('red_lines = [{ criterion = "misuse", group = "r", below = 0 }]', "", "", "red_lines[0]", "found both"),
        ('red_lines = [{ group = "r", below = 0, on = "any-rater" }]', "", "", "red_lines[0].on", "raters score criteria"),
        ('red_lines = [{ criterion = "misuse", below = 0, on = "every-rater" }]', "", "", "red_lines[0].on",
         "expected one of 'merged', 'any-rater'"),
        (BANDS.format(good=0, bad="lower = 1"), "", "", "grades[1].lower", "strictly falling lower bounds: below 0"),
        (BANDS.format(good=0, bad="lower = 0"), "", "", "grades[1].lower", "found 0; bands that overlap"),
        (BANDS.format(good=3, bad=""), "", "", "grades[0].lower", "from -2 to 2 (grades are on the scale), found 3"),
        (BANDS.format(good=0, bad="lower = -1"), "", "", "grades[1].lower", "must start at the bottom (-2)"),
        ('grade_on = "percent"\n' + BANDS.format(good=-1, bad=""), "", "", "grades[0].lower", "from 0 to 100"),
        ('grade_on = "pct"', "", "", "grade_on", "did you mean 'percent'"),
        ("", '[[groups.v.grades]]\nlabel = "x"\nlower = 5\n', "", "groups.v.grades[0].lower", "from -2 to 2"),
        ('[grade_points]\n"A+" = 4.0', "", "", 'grade_points."A+"', "on the scale (-2 to 2), found 4"),
    ],
)
def test_bad_rule_key_is_located(tmp_path, capsys, top, group, scheme, key, words):
    """Each bad key: exit 2, one paragraph naming the file, the line and the key path, no traceback."""
    path = tmp_path / "r.toml"
    path.write_text(RUBRIC.format(top=top, group=group, scheme=scheme), encoding="utf-8")
    (tmp_path / "p").mkdir()
    assert main(["score", "--rubrics", str(path), str(tmp_path / "p")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert str(path) in err and key in err and words in err, err
    assert ":" in err.split(key)[0]  # the line number comes before the key
