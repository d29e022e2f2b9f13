"""Every error rubric raises on purpose is a RubricError, so callers (and the CLI) catch one base class."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import rubric
from rubric.errors import RubricError


def _error_classes():
    """Every exception class defined in a rubric module (rubric.testing needs hypothesis, which the tests have)."""
    for info in pkgutil.walk_packages(rubric.__path__, "rubric."):
        if info.name == "rubric.__main__":
            continue
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == info.name:
                yield value


def test_every_error_class_is_a_rubric_error():
    """No module defines an exception a user could meet that is not a RubricError."""
    classes = list(_error_classes())
    assert len(classes) >= 8  # the walk found the package's errors (InputError, PluginError, WeightError, …)
    assert [f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, RubricError)] == []
