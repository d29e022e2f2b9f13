"""`rubric sensitivity` options that the analyses cannot take are usage errors, in one line."""

from __future__ import annotations

from rubric.cli import main


def test_negative_seed_is_a_one_line_usage_error(project, capsys):
    """numpy seeds are whole numbers >= 0: `--seed -1` exits 2 with one line naming the option, no traceback."""
    code = main(["sensitivity", "--smaa", "--seed", "-1"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.splitlines() == ["rubric: error: --seed: expected a whole number of at least 0, found -1"]


def test_seed_zero_is_accepted(project, capsys):
    """The smallest valid seed runs."""
    assert main(["sensitivity", "--smaa", "--samples", "200", "--seed", "0", "--format", "json"]) == 0
