"""What the loader's CLI-level tests share: editing a fixture file, running validate."""

from __future__ import annotations

from rubric.cli import main


def edit(path, old, new):
    """Replace the first ``old`` in a file, which must be there."""
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def assert_located(err: str, path, key: str, words: str) -> None:
    """One paragraph naming the file, the line (before the key) and the key path, with ``words``; no traceback."""
    assert "Traceback" not in err
    assert str(path) in err and key in err and words in err, err
    assert ":" in err.split(key)[0]


def validate(capsys, *extra) -> tuple:
    """Run `rubric validate`; its exit code and stderr (stdout stays empty, no traceback)."""
    code = main(["validate", *extra])
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    return code, err
