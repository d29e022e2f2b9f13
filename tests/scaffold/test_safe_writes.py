"""`rubric new` writes all or nothing: a refused write leaves nothing that blocks the retry."""

from __future__ import annotations

import builtins
import errno
import os

import pytest

from rubric import cli, scaffold
from rubric.scaffold import files


def failing_open(monkeypatch, code: int, *, after: int = 0):
    """Make the scaffold's writes fail with ``code`` from the ``after+1``-th file on, half written."""
    calls = []

    def fake(path, mode="r", *args, **kwargs):
        handle = builtins.open(path, mode, *args, **kwargs)
        calls.append(path)
        if len(calls) > after:
            handle.write("partial")
            handle.close()
            raise OSError(code, os.strerror(code), str(path))
        return handle

    monkeypatch.setattr(files, "open", fake, raising=False)
    return calls


def everything_under(folder) -> list:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
def test_a_refused_file_leaves_nothing_and_the_retry_works(tmp_path, monkeypatch, code):
    """Full disk or read-only folder: ScaffoldError naming the file, no file (not even a temporary) left."""
    failing_open(monkeypatch, code)
    with pytest.raises(scaffold.ScaffoldError, match=r"cannot write .*p\.toml: .*nothing was written"):
        scaffold.new_proposal("p", tmp_path / "proposals")
    assert everything_under(tmp_path) == []
    monkeypatch.undo()
    assert scaffold.new_proposal("p", tmp_path / "proposals").is_file()


def test_a_partial_plugin_package_is_removed(tmp_path, monkeypatch):
    """The disk filling up at the third of four files removes the two written and the folders made."""
    calls = failing_open(monkeypatch, errno.ENOSPC, after=2)
    with pytest.raises(scaffold.ScaffoldError, match="No space left on device"):
        scaffold.new_plugin("speed", tmp_path)
    assert len(calls) == 3
    assert everything_under(tmp_path) == []
    monkeypatch.undo()
    assert len(scaffold.new_plugin("speed", tmp_path)) == 4


def test_existing_folders_are_kept_when_a_write_fails(tmp_path, monkeypatch):
    """Only folders the failed call made are removed; the user's own stay, with their files."""
    (tmp_path / "proposals").mkdir()
    (tmp_path / "proposals" / "mine.toml").write_text("x")
    failing_open(monkeypatch, errno.ENOSPC)
    with pytest.raises(scaffold.ScaffoldError):
        scaffold.new_proposal("p", tmp_path / "proposals")
    assert everything_under(tmp_path) == ["proposals", "proposals/mine.toml"]


def test_a_dangling_symlink_counts_as_existing(tmp_path):
    """A symlink to nowhere at the target is refused like a file, and left as it was."""
    (tmp_path / "p.toml").symlink_to(tmp_path / "nowhere.toml")
    with pytest.raises(scaffold.ScaffoldError, match="p.toml already exists"):
        scaffold.new_proposal("p", tmp_path)
    assert (tmp_path / "p.toml").is_symlink() and not (tmp_path / "nowhere.toml").exists()


def test_force_replaces_the_symlink_itself(tmp_path):
    """--force replaces the link with the file; it never writes through it to another place."""
    (tmp_path / "p.toml").symlink_to(tmp_path / "nowhere.toml")
    scaffold.new_proposal("p", tmp_path, force=True)
    assert not (tmp_path / "p.toml").is_symlink() and not (tmp_path / "nowhere.toml").exists()


def test_a_file_where_a_folder_should_be_is_one_clear_error(tmp_path):
    """A file in the way of the folder to create: a ScaffoldError, and no traceback."""
    (tmp_path / "proposals").write_text("not a folder")
    with pytest.raises(scaffold.ScaffoldError, match="cannot write .*proposals: Not a directory"):
        scaffold.new_proposal("p", tmp_path / "proposals")


@pytest.mark.parametrize(
    ("argv", "prepare"),
    [
        (["new", "proposal", "p"], lambda d, mp: failing_open(mp, errno.ENOSPC)),
        (["new", "plugin", "speed"], lambda d, mp: failing_open(mp, errno.EACCES, after=1)),
        (["new", "proposal", "p"], lambda d, mp: (d / "proposals").mkdir() or (d / "proposals" / "p.toml").symlink_to(d / "x")),
    ],
    ids=["full-disk", "read-only", "dangling-symlink"],
)
def test_cli_reports_one_line_and_exit_2(tmp_path, monkeypatch, capsys, argv, prepare):
    """From the command line: exit 2, one line on stderr, no traceback, nothing on stdout."""
    monkeypatch.chdir(tmp_path)
    prepare(tmp_path, monkeypatch)
    assert cli.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert err.startswith("rubric: error: ") and err.count("\n") == 1, err
