"""What the loader's CLI-level tests share: editing a fixture file, running validate."""

from __future__ import annotations

from rubric.cli import main


def edit(path, old, new):
    """Replace the first ``old`` in a file, which must be there."""
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def validate(capsys, *extra) -> tuple:
    """Run `rubric validate`; its exit code and stderr (stdout stays empty, no traceback)."""
    code = main(["validate", *extra])
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    return code, err
