"""Inputs that once hung, crashed or misled the loader: each is now a located problem."""

from __future__ import annotations

import os
import threading

import pytest

from loading.helpers import edit, validate
from rubric.cli import main
from rubric.loading import documents, load_project, read_document

# --- folders and special files ---------------------------------------------


def test_unlistable_folder_is_a_problem(project, capsys, monkeypatch):
    """A proposals folder that cannot be listed is reported, never taken for an empty one."""
    real = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "proposals":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, err = validate(capsys)
    assert code == 1
    assert "proposals: cannot be listed: Permission denied" in err
    assert "proposals are valid" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder whatever its permissions")
def test_unreadable_folder_is_a_problem(project, capsys):
    """The same with real permissions, where they bite."""
    os.chmod(project / "proposals", 0)
    try:
        code, err = validate(capsys)
    finally:
        os.chmod(project / "proposals", 0o755)
    assert code == 1 and "cannot be listed" in err


def test_toml_files_raises_without_a_problem_list(tmp_path, monkeypatch):
    """Callers that collect nothing get the listing problem raised."""
    from rubric.errors import InputError

    monkeypatch.setattr(os, "scandir", lambda path: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    with pytest.raises(InputError, match="cannot be listed: Permission denied"):
        documents.toml_files([tmp_path])


def run_with_timeout(capsys, seconds: float, fifo) -> tuple:
    """validate in a thread; unblock a reader stuck on ``fifo`` if it does not finish in time."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(code=main(["validate"])), daemon=True)
    thread.start()
    thread.join(seconds)
    hung = thread.is_alive()
    if hung:  # open the other end so that the stuck reader returns
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(5)
    return hung, result.get("code"), capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_in_a_folder_is_skipped(project, capsys):
    """A FIFO named *.toml among the proposals is not read (it would block forever)."""
    fifo = project / "proposals" / "pipe.toml"
    os.mkfifo(fifo)
    hung, code, err = run_with_timeout(capsys, 10, fifo)
    assert not hung
    assert code == 0 and "3 proposals are valid" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_special_file_named_explicitly_is_refused(project, capsys):
    """A FIFO named on the command line is a problem, not a hang."""
    fifo = project / "pipe.toml"
    os.mkfifo(fifo)
    doc = read_document(fifo)
    assert [p.message for p in doc.problems] == ["is not a regular file; expected a TOML file"]


# --- linear work -----------------------------------------------------------


def test_each_file_is_indexed_once_however_many_problems(tmp_path, monkeypatch):
    """Placing 400 problems scans the file once (it used to rescan the file for each)."""
    calls = []
    real = documents.key_lines
    monkeypatch.setattr(documents, "key_lines", lambda text: calls.append(1) or real(text))
    lines = ['id = "p"', 'title = "P"']
    for i in range(400):
        lines += ["[[sources]]", f'id = "s{i}"', f'title = "S{i}"', 'colour = "red"']
    (tmp_path / "p.toml").write_text("\n".join(lines))
    problems: list = []
    load_project([], [tmp_path / "p.toml"], autoload=False, collect=problems)
    assert len(problems) == 400 and len(calls) == 1
    # Each problem still has its own item's line: [[sources]] item i starts at line 3 + 4 i.
    assert [p.line for p in problems] == [3 + 4 * i + 3 for i in range(400)]


def test_children_are_indexed_once_per_rubric(project):
    """Walking the value tree looks children up instead of scanning every criterion per node."""
    rubric = load_project(["rubrics"], autoload=False).rubrics[0]
    assert rubric.children(None) == ("values", "risks")
    assert rubric.children("values") == ("openness", "progress")
    assert rubric.children("openness") == ()


# --- what used to be a traceback ---------------------------------------------

HUGE = "1" + "0" * 400  # an integer TOML accepts and no float can hold


def test_huge_integer_scale_bound(project, capsys):
    """A scale bound beyond the float range is refused, not an OverflowError."""
    edit(project / "rubrics" / "tiny.toml", "max = 2", f"max = {HUGE}")
    code, err = validate(capsys)
    assert code == 1 and "[scale.max] expected a finite number, found int (1000" in err


def test_huge_integer_weight(project, capsys):
    """A weight beyond the float range is refused, not an OverflowError."""
    edit(project / "rubrics" / "tiny.toml", "weights = { values = 1, risks = 3 }", f"weights = {{ values = 1, risks = {HUGE} }}")
    code, err = validate(capsys)
    assert code == 1 and "[schemes.risk-first" in err


def test_huge_integer_score(project, capsys):
    """A score beyond the float range is refused, not an OverflowError."""
    edit(project / "proposals" / "a.toml", "score = 2", f"score = {HUGE}")
    code, err = validate(capsys)
    assert code == 1 and "[assessments.tiny.openness[0].score] expected a finite number" in err


def test_nesting_beyond_the_parser_limit(project, capsys):
    """Arrays nested past tomli's limit are a problem of the file, not a RecursionError."""
    (project / "proposals" / "a.toml").write_text('id = "a"\ntitle = "A"\nx = ' + "[" * 1000 + "]" * 1000 + "\n")
    code, err = validate(capsys)
    assert code == 1 and "proposals/a.toml: is not valid TOML: tables or arrays are nested too deeply for the parser" in err


@pytest.mark.parametrize(("depth", "refused"), [(32, False), (33, True), (300, True)])
def test_facts_nested_too_deep(project, capsys, depth, refused):
    """Facts nest at most 32 levels (deeper trees crash explain and JSON), refused at the line."""
    header = "[facts" + ".a" * depth + "]"
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text() + f"\n{header}\nb = 1\n")
    code, err = validate(capsys)
    if not refused:
        assert code == 0, err
        return
    line = len(path.read_text().splitlines()) - 1
    assert code == 1
    assert f"proposals/a.toml:{line}: [facts{'.a' * 33}] facts are nested more than 32 levels deep" in err


def test_header_nested_beyond_the_parser_limit(project, capsys):
    """A table header 1,000 keys deep is also past the parser's limit: a problem, not a traceback."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text() + "\n[facts" + ".a" * 1000 + "]\nb = 1\n")
    code, err = validate(capsys)
    assert code == 1 and "proposals/a.toml: is not valid TOML: tables or arrays are nested too deeply for the parser" in err


def test_facts_nested_in_lists_count_too(project, capsys):
    """Lists are levels as well; the key names the index."""
    path = project / "proposals" / "a.toml"
    path.write_text(path.read_text() + "\n[facts]\nx = " + "[" * 40 + "]" * 40 + "\n")
    code, err = validate(capsys)
    assert code == 1 and "[facts.x" + "[0]" * 32 + "] facts are nested more than 32 levels deep" in err


# --- messages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "words"),
    [("missing.py", "no plugin file 'missing.py'"), (".", "expected a plugin file (.py), found a folder: '.'")],
)
def test_bad_plugin_path_is_a_located_problem(project, capsys, entry, words):
    """A missing or folder plugin path names the rubric file and key, and the other problems still show."""
    edit(project / "rubrics" / "tiny.toml", 'version = "1.0"', f'version = "1.0"\nplugins = ["{entry}"]')
    edit(project / "proposals" / "b.toml", 'title = "Proposal b"', 'title = "Proposal b"\nsumary = "x"')
    code, err = validate(capsys)
    assert code == 1
    assert f"rubrics/tiny.toml:5: [plugins[0]] {words}" in err
    assert "proposals/b.toml:4: [sumary] unknown key 'sumary'" in err


def test_bad_utf8_gives_its_line(project, capsys):
    """Text that is not UTF-8 is reported at the line (and column) of the first bad byte."""
    (project / "proposals" / "a.toml").write_bytes(b'id = "a"\ntitle = "A"\nsummary = "caf\xe9"\n')
    code, err = validate(capsys)
    assert code == 1 and "proposals/a.toml:3:15: is not UTF-8 text: byte 0xe9" in err


def test_byte_order_mark_is_accepted(project, capsys):
    """A UTF-8 byte-order mark (as some editors write) is not a syntax error."""
    path = project / "proposals" / "a.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    code, err = validate(capsys)
    assert code == 0, err


def test_source_ids_follow_the_id_rule(project, capsys):
    """Source ids are ids like any other."""
    edit(project / "proposals" / "a.toml", 'id = "src"', 'id = "My Source"')
    edit(project / "proposals" / "a.toml", 'sources = ["src"]', 'sources = ["My Source"]')
    code, err = validate(capsys)
    assert code == 1
    assert "proposals/a.toml:7: [sources[0].id] expected an id of lowercase letters, digits, '-' or '_', found 'My Source'" in err
