"""What the start of a command pays for: only the modules and sub-command options it uses."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from rubric.cli.parser import build_parser, parse


def test_score_imports_no_module_only_other_commands_use():
    """`rubric score` on the shipped files never imports json, subprocess or decimal (diff, snapshot, --precision)."""
    code = (
        "import sys; from rubric.cli import main; main(['score', '--no-plugin-autoload']); "
        "print(sorted(m for m in ('json', 'subprocess', 'decimal') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_parser_for_one_command_builds_only_that_command():
    """With ``only``, the parser holds that sub-command alone and parses its options as the full parser does."""
    argv = ["score", "--all-schemes", "--depth", "2", "proposals"]
    one = build_parser(only="score")
    assert list(one.parse_args(["score"]).command_parsers) == ["score"]
    assert vars(parse(one, argv)).keys() - {"command_parsers"} == vars(parse(build_parser(), argv)).keys() - {"command_parsers"}
    assert parse(one, argv).depth == 2 and parse(one, argv).all_schemes


def test_parser_for_no_command_lists_every_command():
    """A first argument that is no sub-command (`--help`, a misspelling) gets the parser of every command."""
    full = list(build_parser().parse_args(["validate"]).command_parsers)
    assert list(build_parser(only="scor").parse_args(["validate"]).command_parsers) == full
    assert {"score", "compare", "new", "diff"} <= set(full)
