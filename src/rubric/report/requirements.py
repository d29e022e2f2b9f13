"""The ``[report]`` extra: what a missing one says."""

from __future__ import annotations

import importlib

from rubric.errors import RubricError

__all__ = ["MissingExtraError", "require"]

#: The modules the report and the charts import, and the extra that brings them.
MODULES = ("jinja2", "matplotlib")
INSTALL = "pip install 'policy-rubric[report]'"


class MissingExtraError(RubricError):
    """A report or chart was asked for without the ``[report]`` extra installed."""


def require() -> None:
    """Refuse, in one line with the install command, when Jinja2 or matplotlib is missing."""
    missing = []
    for module in MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise MissingExtraError(f"reports and charts need {' and '.join(missing)}: {INSTALL}")
