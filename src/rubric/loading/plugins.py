"""The plugins of the rubrics in use: their requirements, their registry, hints for what is missing.

Only the rubrics a command uses have their plugin files imported, so a broken
plugin of another rubric cannot stop it; an unknown criterion kind then says
where it could come from.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from rubric.errors import PluginError, Problem, did_you_mean
from rubric.loading.documents import Document
from rubric.model import Rubric
from rubric.registry import Registry

__all__ = ["check_requirements", "plugin_warnings", "registry_for", "unknown_kind_hint"]

ADD_A_PLUGIN = (
    " To use a plugin's kind, name its file in the rubric's plugins = [...] or install its package"
    " (and list it in requires = [...]); `rubric plugins` lists what is installed."
)


def check_requirements(doc: Document, rubric: Rubric) -> None:
    """Record each distribution in the rubric's ``requires`` that is missing or too old."""
    if rubric.requires:
        from rubric.loading.requirements import check_requirement  # only for rubrics that declare some
    for index, text in enumerate(rubric.requires):
        message = check_requirement(text)
        if message:
            doc.problem(f"requires[{index}]", message)


def registry_for(in_use: Sequence[tuple], *, rubric_plugins: bool = True, plugin_files: Iterable = (), **options):
    """The registry of the rubrics in use (``(doc, rubric)`` pairs): their plugin files and ``plugin_files``.

    A rubric's plugin file that fails is reported at its ``plugins[i]`` key.
    ``options`` go to :func:`~rubric.discovery.create_registry`.
    """
    from rubric.discovery import create_registry

    origins: dict[str, tuple] = {}
    for doc, rubric in in_use if rubric_plugins else ():
        for index, path in enumerate(rubric.plugins):
            origins.setdefault(str(path), (doc, f"plugins[{index}]"))
    try:
        return create_registry([*origins, *plugin_files], **options)
    except PluginError as exc:
        if exc.plugin not in origins:
            raise
        doc, key = origins[exc.plugin]
        where = Problem(doc.path, key, str(exc), doc.line_of(key))
        raise PluginError(str(where), plugin=exc.plugin) from exc.__cause__ or exc.__context__


def unknown_kind_hint(registry: Registry, unused: Sequence[tuple], *, rubric_plugins: bool = True) -> Callable[[str], str]:
    """A function giving, for an unknown criterion kind, a sentence on where it could come from.

    In order: a plugin the registry left out; the plugin file of a rubric not
    in use (imported here, on the error path only); how to add a plugin.
    """
    kinds_of: dict = {}

    def provides(path, kind: str) -> bool:
        if path not in kinds_of:
            from rubric.discovery import create_registry

            try:
                kinds_of[path] = create_registry([path], autoload=False).names("criterion kind")
            except PluginError:
                kinds_of[path] = ()
        return kind in kinds_of[path]

    def hint(kind: str) -> str:
        left_out = registry.skipped_providers("criterion kind", kind)
        if left_out:
            return left_out
        if not rubric_plugins:
            return " The rubrics' plugin files were not imported (--no-rubric-plugins)."
        for doc, rubric in unused:
            for index, path in enumerate(rubric.plugins):
                if provides(path, kind):
                    return (
                        f" The plugin file {path} provides it (plugins[{index}] of {doc.path}): "
                        "add it to this rubric's plugins."
                    )
        return ADD_A_PLUGIN

    return hint


def plugin_warnings(registry: Registry, block: Iterable[str]) -> list:
    """One line per plugin a lenient registry left out after a failure, and per block matching no plugin."""
    warnings = [f"{s}; carrying on without it" for s in registry.skipped if not s.blocked]
    known = [p.name for p in registry.plugins] + [s.name for s in registry.skipped]
    blocked = {s.name for s in registry.skipped if s.blocked}
    warnings += [f"-p no:{name}: no plugin has this name{did_you_mean(name, known)}" for name in block if name not in blocked]
    return warnings
