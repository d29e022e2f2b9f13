"""``rubric new plugin``: a plugin package with one criterion kind, from the ``templates/plugin`` files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Union

import attrs

from rubric.scaffold.files import ScaffoldError, render, write_files

__all__ = ["PLUGIN_NAME", "PluginNames", "new_plugin", "plugin_names"]

#: A plugin name: lowercase words joined by hyphens, as a criterion kind is named.
PLUGIN_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*\Z")


@attrs.frozen
class PluginNames:
    """The names a plugin package uses, derived from one plugin name."""

    #: The criterion kind and entry point name, e.g. ``enforcement-burden``.
    kind: str
    #: The distribution (and folder) name, e.g. ``rubric-enforcement-burden``.
    distribution: str
    #: The import name, e.g. ``rubric_enforcement_burden``.
    module: str


def plugin_names(name: str) -> PluginNames:
    """The kind, distribution and module names for a plugin called ``name``.

    A leading ``rubric-`` is accepted and not doubled: ``rubric-foo`` and ``foo``
    both give the kind ``foo`` in the distribution ``rubric-foo``.
    """
    if not PLUGIN_NAME.match(name):
        raise ScaffoldError(
            f"plugin name {name!r}: expected lowercase words joined by hyphens, starting with a letter "
            "(e.g. enforcement-burden)"
        )
    kind = name[len("rubric-") :] if name.startswith("rubric-") and len(name) > len("rubric-") else name
    distribution = f"rubric-{kind}"
    return PluginNames(kind=kind, distribution=distribution, module=distribution.replace("-", "_"))


def new_plugin(name: str, directory: Union[str, Path] = ".", *, force: bool = False) -> list:
    """Write a plugin package skeleton: ``<directory>/rubric-<name>/``.

    The package has a ``pyproject.toml`` with the entry point and a dependency
    on ``policy-rubric``, a README, a module with one criterion kind and its
    hook implementation, and a test that passes as written.  With ``force``,
    these four files are replaced in an existing folder; other files in it are
    left alone.

    :returns: the paths written.
    :raises ScaffoldError: the name is unusable, the folder exists (unless
        ``force``), or a file cannot be written (then nothing is left behind).
    """
    from rubric import __version__

    names = plugin_names(name)
    root = Path(directory) / names.distribution
    values = {**attrs.asdict(names), "rubric_version": __version__}
    files = {
        root / "pyproject.toml": render("plugin/pyproject.toml.tmpl", **values),
        root / "README.md": render("plugin/README.md.tmpl", **values),
        root / "src" / names.module / "__init__.py": render("plugin/module.py.tmpl", **values),
        root / "tests" / f"test_{names.module}.py": render("plugin/test.py.tmpl", **values),
    }
    return write_files(files, force=force, root=root)
