"""``rubric new``: starting files for a plugin package, a proposal, a rubric, a scheme or an assessment.

The files are templates in ``templates/`` (package data), filled in by
:mod:`rubric.scaffold.plugin` and :mod:`rubric.scaffold.documents` and written
all or nothing by :mod:`rubric.scaffold.files`.  Every file written loads as it
stands (the tests load each one, and run the plugin package's own test).

Nothing is ever replaced: a target that exists (a dangling symlink included)
raises :class:`ScaffoldError` naming it, before any file is written, unless
``force=True``, which replaces exactly the files the scaffold writes.
"""

from rubric.scaffold.documents import FACTS, new_assessment, new_proposal, new_rubric, new_scheme
from rubric.scaffold.files import ScaffoldError
from rubric.scaffold.plugin import PluginNames, new_plugin, plugin_names

__all__ = [
    "FACTS",
    "PluginNames",
    "ScaffoldError",
    "new_assessment",
    "new_plugin",
    "new_proposal",
    "new_rubric",
    "new_scheme",
    "plugin_names",
]
