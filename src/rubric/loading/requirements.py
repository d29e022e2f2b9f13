"""A rubric's ``requires``: the distributions its plugins come from, checked before they load.

Without it, a rubric whose criterion kind comes from a package that is not
installed only says "unknown criterion kind"; with it, the error names the
distribution and the ``pip install`` to run.

Supported forms, a deliberately small and exact subset of PEP 508 (``packaging``
is not a dependency of rubric):

* ``NAME`` — installed, any version;
* ``NAME OP VERSION`` and several clauses joined by commas
  (``rubric-x>=0.2,<1``), with ``OP`` one of ``>=``, ``<=``, ``>``, ``<``,
  ``==``, ``!=``, ``~=`` and ``VERSION`` dotted whole numbers (``1``, ``0.1``,
  ``2.0.3``); ``~=X.Y`` means ``>=X.Y`` and ``==X.*``.

Extras, environment markers, URLs and wildcards are refused, not ignored.
Versions compare by their numbers with missing ones as zeros (``1.2 == 1.2.0``);
an installed version's pre-release, post-release or local suffix
(``1.2rc1``, ``1.2+local``) is not taken into account.
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["check_requirement", "parse_requirement"]

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?")
_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|~=|>|<)\s*(\d+(?:\.\d+)*)\s*")
_RELEASE = re.compile(r"\d+(?:\.\d+)*")

_COMPARE = {
    ">=": lambda have, want: have >= want,
    "<=": lambda have, want: have <= want,
    ">": lambda have, want: have > want,
    "<": lambda have, want: have < want,
    "==": lambda have, want: have == want,
    "!=": lambda have, want: have != want,
}


def parse_requirement(text: str) -> tuple:
    """``(name, ((op, version tuple), ...))``; ValueError naming what is not supported."""
    stripped = text.strip()
    name = _NAME.match(stripped)
    if not name:
        raise ValueError(f"expected a distribution name, optionally with versions (such as 'rubric-x>=0.1'), found {text!r}")
    rest, clauses = stripped[name.end():], []
    if rest.strip():
        for part in rest.split(","):
            clause = _CLAUSE.fullmatch(part)
            if not clause:
                raise ValueError(
                    f"cannot read {text!r}: supported are NAME and NAME followed by comma-separated clauses "
                    "OP VERSION, with OP one of >= <= > < == != ~= and VERSION dotted numbers"
                )
            op, version = clause[1], tuple(int(n) for n in clause[2].split("."))
            if op == "~=" and len(version) < 2:
                raise ValueError(f"cannot read {text!r}: ~= needs at least two version numbers (~=1.4)")
            clauses.append((op, version))
    return name[0], tuple(clauses)


def _satisfies(have: tuple, op: str, want: tuple) -> bool:
    width = max(len(have), len(want))
    have, padded = have + (0,) * (width - len(have)), want + (0,) * (width - len(want))
    if op == "~=":
        return have >= padded and have[: len(want) - 1] == want[:-1]
    return _COMPARE[op](have, padded)


def check_requirement(text: str) -> Optional[str]:
    """Why the requirement ``text`` is not met, with the command to meet it; None if it is."""
    from importlib import metadata

    try:
        name, clauses = parse_requirement(text)
    except ValueError as exc:
        return str(exc)
    install = f"run: pip install '{text.strip()}'"
    try:
        installed = metadata.version(name)
    except metadata.PackageNotFoundError:
        return f"needs the distribution {name}, which is not installed; {install}"
    release = _RELEASE.match(installed)
    have = tuple(int(n) for n in release[0].split(".")) if release else ()
    unmet = [f"{op}{'.'.join(map(str, want))}" for op, want in clauses if not _satisfies(have, op, want)]
    if unmet:
        return f"needs {text.strip()}, but {name} {installed} is installed (not {','.join(unmet)}); {install}"
    return None
