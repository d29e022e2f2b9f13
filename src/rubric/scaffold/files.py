"""Rendering the template files and writing them safely.

Templates live in ``templates/`` beside this module, as the files they
become, with ``$name`` placeholders (:class:`string.Template`).  Values that
land in TOML are written by ``tomli-w``, so any title a user types (quotes,
newlines, backslashes) gives a file that loads.

Writes are all or nothing: every file is first written to a temporary name in
its own folder, then renamed into place.  Whatever fails — a read-only
folder, a full disk — the temporaries, the files this call created and the
folders it made are removed, so a retry is never blocked by an empty or
partial file.  Nothing that exists is replaced unless ``force``; a dangling
symlink counts as existing.
"""

from __future__ import annotations

import os
import string
from importlib import resources
from pathlib import Path
from typing import Any, Mapping, Optional

from rubric.errors import RubricError

__all__ = ["ScaffoldError", "render", "toml_value", "write_files"]


class ScaffoldError(RubricError):
    """A scaffold cannot be written: a target exists, a name is unusable, or the disk refused."""


def render(template: str, **values: Any) -> str:
    """The template file ``templates/<template>`` with ``values`` substituted."""
    text = resources.files(__package__).joinpath("templates", *template.split("/")).read_text(encoding="utf-8")
    return string.Template(text).substitute(values)


def toml_value(value: Any) -> str:
    """``value`` as TOML writes it (a string quoted and escaped)."""
    import tomli_w  # only `rubric new` writes TOML

    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


def _taken(path: Path) -> bool:
    return os.path.lexists(path)


def write_files(files: Mapping[Path, str], *, force: bool = False, root: Optional[Path] = None) -> list:
    """Write ``{path: text}`` all or nothing; refuse, before writing anything, if a target exists.

    ``root`` is a folder that must not exist either (a plugin package).

    :returns: the paths written.
    :raises ScaffoldError: a target exists (unless ``force``), or the system refused a write.
    """
    if not force:
        taken = [p for p in ([root] if root is not None else []) + list(files) if _taken(p)]
        if taken:
            raise ScaffoldError(f"{taken[0]} already exists; choose another name, or pass --force to replace it")
    made_dirs: list = []
    temporaries: dict = {}
    created: list = []
    replaced: list = []
    try:
        for path, text in files.items():
            _make_parents(path.parent, made_dirs)
            temporary = path.parent / f".{path.name}.{os.getpid()}.tmp"
            temporaries[path] = temporary
            with open(temporary, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        for path, temporary in temporaries.items():
            if not force and _taken(path):  # appeared since the check above
                raise ScaffoldError(f"{path} already exists; choose another name, or pass --force to replace it")
            (replaced if _taken(path) else created).append(path)
            os.replace(temporary, path)
    except BaseException as exc:
        _undo(temporaries.values(), created, made_dirs)
        if isinstance(exc, OSError):
            targets = {str(temporary): path for path, temporary in temporaries.items()}
            where = targets.get(str(exc.filename), exc.filename or next(iter(files)))
            kept = f"; already replaced: {', '.join(map(str, replaced))}" if replaced else "; nothing was written"
            raise ScaffoldError(f"cannot write {where}: {exc.strerror or exc}{kept}") from None
        raise
    return list(files)


def _make_parents(folder: Path, made: list) -> None:
    """Create ``folder`` and its missing parents, recording each one made."""
    missing = []
    while not folder.is_dir():
        if _taken(folder):
            raise NotADirectoryError(20, "Not a directory", str(folder))
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir()
        made.append(new)


def _undo(temporaries, created, made_dirs) -> None:
    """Remove what a failed write left: temporaries, new files, new folders (deepest first)."""
    for path in [*temporaries, *created]:
        try:
            path.unlink()
        except OSError:  # already renamed, or never written
            pass
    for folder in reversed(made_dirs):
        try:
            folder.rmdir()
        except OSError:
            pass
