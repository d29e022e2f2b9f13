"""Errors a user can act on: each names the file, the key path or the plugin.

The command line prints them as one paragraph each and exits with status 2;
nothing here is ever shown as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import attrs

__all__ = [
    "PLUGIN_FAILURES",
    "InputError",
    "MissingDataError",
    "MissingExtraError",
    "PluginError",
    "Problem",
    "RubricError",
    "UnknownNameError",
    "UnknownRubricError",
    "WeightError",
    "describe",
    "did_you_mean",
]

#: What a plugin's code may raise that rubric reports as that plugin's failure
#: (a stray ``sys.exit()`` included; Ctrl-C still stops the run).
PLUGIN_FAILURES = (Exception, SystemExit)


@attrs.frozen
class Problem:
    """One problem in one input file, at a key path (dotted, ``""`` for the file)."""

    path: Union[Path, str, None]
    key: str
    message: str
    line: Optional[int] = None
    column: Optional[int] = None

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"


class RubricError(Exception):
    """Base class: an error the user can fix in their input or plugins."""


class InputError(RubricError):
    """One or more problems in rubric, scheme or proposal files."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class MissingDataError(InputError):
    """Data a computed criterion needs is absent: a gap, not a failure.

    :meth:`rubric.facts.Facts.settle` raises it for missing facts, so a kind
    written as ``facts.settle()`` needs no code for missing data: the engine
    reads it as an unknown value (:data:`rubric.components.UNKNOWN`, the
    rubric's ``missing`` rule decides) and ``reason`` says what is absent.
    """

    def __init__(self, problems: Iterable[Problem], reason: str = ""):
        super().__init__(problems)
        self.reason = reason


class PluginError(RubricError):
    """A plugin failed to load or misbehaved; the message names it."""

    def __init__(self, message: str, *, plugin: str = "", criterion: str = "", proposal: str = ""):
        self.plugin = plugin
        self.criterion = criterion
        self.proposal = proposal
        super().__init__(message)


class UnknownNameError(RubricError, KeyError):
    """A lookup by id or name that found nothing: says what was asked and what exists.

    A :class:`KeyError` too, so ``except KeyError`` around a lookup keeps working.
    """

    def __init__(self, what: str, name: str, known: Sequence[str], where: str = ""):
        self.what, self.name, self.known = what, name, tuple(known)
        super().__init__(f"no {what} {name!r}{where}{did_you_mean(name, list(known))}")

    def __str__(self) -> str:  # KeyError would show the repr of its argument
        return str(self.args[0])


class UnknownRubricError(UnknownNameError):
    """A rubric asked for by id (``--rubric``) is in none of the rubric files read."""

    def __init__(self, name: str, known: Sequence[str], where: str = ""):
        super().__init__("rubric with id", name, known, where)


class MissingExtraError(RubricError, ImportError):
    """A command needs an optional dependency that is not installed; the message says which extra to install."""


class WeightError(RubricError, ValueError):
    """Weights that cannot be flattened: negative, all zero, or given for some siblings only."""


def describe(value: Any) -> str:
    """How a value found in the input reads in a message: its TOML type, and its value up to 40 characters."""
    if isinstance(value, Mapping):
        return "a table"
    kind = {list: "a list", str: "a string", bool: "a boolean"}.get(type(value), type(value).__name__)
    shown = repr(value)
    return f"{kind} ({shown[:40]}{'…' if len(shown) > 40 else ''})"


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """A ``did you mean …?`` hint and the known names, for an unknown name."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    listing = ", ".join(sorted(known)) if known else "none"
    if close:
        return f"; did you mean {close[0]!r}? Known: {listing}."
    return f". Known: {listing}."
