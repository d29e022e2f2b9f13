"""Helpers for computed criteria: reading a proposal's facts and checking parameters.

A computed criterion kind reads facts from a proposal's ``[facts]`` table and
turns them into a value on the rubric's scale.  :class:`Facts` reads each fact
with its expected type or vocabulary and collects every problem, so a proposal
lacking three facts gets one :class:`~rubric.errors.InputError` with three
located problems (``facts.NAME``) rather than one error per run.  A missing
fact is not a failure of the plugin: it becomes the declared default of the
``missing`` parameter every computed kind may accept (a value on the scale,
stated in the note) or, by default (``"error"``), an unknown value with the
located problems (:class:`~rubric.errors.MissingDataError`), which the
rubric's ``missing`` rule then handles.

The value checks (:func:`fraction`, :func:`positive`, …) and
:func:`param_checker` build a kind's ``check_params``; the loader has already
checked parameter names against the kind's declared ``params`` by then.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, Sequence

from rubric.components import CriterionValue, ParamCheck, is_real_number
from rubric.errors import InputError, MissingDataError, Problem, did_you_mean
from rubric.model import Criterion, Proposal, Rubric

__all__ = [
    "MISSING",
    "MISSING_PARAM",
    "Facts",
    "fraction",
    "listing",
    "missing_param",
    "non_negative",
    "on_scale",
    "param_checker",
    "positive",
    "shown",
    "table_of_fractions",
    "toml_value",
]

#: The ``missing`` parameter and its default, for a kind's ``params``.
MISSING_PARAM = {"missing": "error"}

#: A value check: the problem with a parameter's value, or None.
ValueCheck = Callable[[Any], Optional[str]]


class _Missing:
    """Marks a fact the proposal does not give."""

    def __repr__(self) -> str:
        return "<missing>"


MISSING = _Missing()


def shown(value: Any) -> str:
    """A found value as a message shows it: its TOML type and value."""
    kinds = {str: "a string", bool: "a boolean", dict: "a table", list: "a list", int: "a number", float: "a number"}
    return f"{kinds.get(type(value), type(value).__name__)} ({value!r})"


def listing(choices: Sequence[str]) -> str:
    """``'a', 'b', 'c'``: the values a message offers."""
    return ", ".join(repr(c) for c in choices)


def toml_value(value: Any) -> str:
    """A fact as a note shows it, in TOML spelling."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return f"{value:,.12g}" if isinstance(value, (int, float)) else repr(value)


def on_scale(scale, shortfall: float) -> float:
    """The value ``shortfall`` (0 best … 1 worst) takes on ``scale``."""
    return scale.max - shortfall * (scale.max - scale.min)


class Facts:
    """Reads the facts one criterion needs for one proposal, collecting every problem.

    Each read returns the value, or :data:`MISSING` for an absent fact; a
    present fact of the wrong type or value is recorded as a problem.
    :meth:`settle` then raises one :class:`InputError` with all of them; when
    only facts are missing it returns the criterion's declared ``missing =
    <value>`` as a :class:`CriterionValue`, or else raises
    :class:`~rubric.errors.MissingDataError`, an unknown value for the rubric's
    ``missing`` rule.

    ``defaults`` are the kind's declared ``params``; :attr:`params` is the
    criterion's parameters with them filled in.
    """

    def __init__(
        self, criterion: Criterion, proposal: Proposal, rubric: Rubric, defaults: Mapping[str, Any] = MISSING_PARAM
    ) -> None:
        self.criterion = criterion
        self.proposal = proposal
        self.rubric = rubric
        self.params = {**defaults, **criterion.params}
        self.problems: list = []
        self.missing: list = []
        self.read: dict = {}

    @property
    def who(self) -> str:
        """The criterion, as messages name it."""
        return f"criterion {self.criterion.id!r} (kind {self.criterion.kind}) of rubric {self.rubric.id!r}"

    def _get(self, key: str, expected: str) -> Any:
        value = self.proposal.facts.get(key, MISSING)
        if value is MISSING:
            self.missing.append((key, expected))
        return value

    def _keep(self, key: str, value: Any) -> Any:
        if value is not MISSING:
            self.read[key] = value
        return value

    def wrong(self, key: str, expected: str, value: Any) -> _Missing:
        """Record a fact that is present but not what the kind expects."""
        self.problems.append(Problem(self.proposal.path, f"facts.{key}", f"{self.who} expected {expected}, found {shown(value)}"))
        self.read.pop(key, None)
        return MISSING

    def choice(self, key: str, choices: Sequence[str]) -> Any:
        """A string fact that must be one of ``choices`` (the declared vocabulary)."""
        choices = list(choices)
        expected = f"one of {listing(choices)}"
        value = self._get(key, expected)
        if value is not MISSING and (not isinstance(value, str) or value not in choices):
            import difflib  # only on the error path

            close = difflib.get_close_matches(value, choices, n=1) if isinstance(value, str) else []
            return self.wrong(key, expected + (f" (did you mean {close[0]!r}?)" if close else ""), value)
        return self._keep(key, value)

    def text(self, key: str) -> Any:
        """A string fact of any value (a category looked up in a table with a default)."""
        value = self._get(key, "a string")
        if value is not MISSING and not isinstance(value, str):
            return self.wrong(key, "a string", value)
        return self._keep(key, value)

    def flag(self, key: str) -> Any:
        """A true/false fact."""
        value = self._get(key, "true or false")
        if value is not MISSING and not isinstance(value, bool):
            return self.wrong(key, "true or false", value)
        return self._keep(key, value)

    def number(self, key: str, *, at_least: Optional[float] = None, unit: str = "") -> Any:
        """A finite number, optionally bounded below."""
        expected = "a number" + (f" >= {at_least:g}" if at_least is not None else "") + (f" ({unit})" if unit else "")
        value = self._get(key, expected)
        if value is not MISSING and (not is_real_number(value) or (at_least is not None and value < at_least)):
            return self.wrong(key, expected, value)
        return self._keep(key, value)

    def amount(self, key: str, unit: str) -> Any:
        """A finite number >= 0 in ``unit``."""
        return self.number(key, at_least=0, unit=unit)

    def settle(self) -> Optional[CriterionValue]:
        """Raise for bad or missing facts; the declared default, if it applies.

        Missing facts without a declared default raise
        :class:`~rubric.errors.MissingDataError`, which the engine reads as an
        unknown value (the rubric's ``missing`` rule decides; its default,
        ``"error"``, reports the located problems in ``rubric validate``).
        """
        default = self.params.get("missing", "error")
        problems = list(self.problems)
        if self.missing and (problems or default == "error"):
            for key, expected in self.missing:
                problems.append(
                    Problem(
                        self.proposal.path,
                        f"facts.{key}",
                        f"{self.who} needs the fact {key!r}: expected {expected}, found nothing; "
                        f"add `{key} = …` under [facts], or declare a default with "
                        f"`missing = <value>` in the criterion's params",
                    )
                )
        if problems and not self.problems:
            absent = ", ".join(key for key, _ in self.missing)
            raise MissingDataError(problems, f"fact{'s' * (len(self.missing) > 1)} {absent} not given")
        if problems:
            raise InputError(problems)
        if not self.missing:
            return None
        scale = self.rubric.scale
        if not scale.contains(default):
            raise InputError(
                [
                    Problem(
                        self.rubric.path,
                        f"criteria.{self.criterion.id}.params.missing",
                        f"expected a value on the scale {scale.min:g}…{scale.max:g}, found {default!r}",
                    )
                ]
            )
        absent = ", ".join(key for key, _ in self.missing)
        return CriterionValue(
            float(default),
            note=f"fact{'s' * (len(self.missing) > 1)} {absent} not given: used the declared default "
            f"missing = {default:g} (params of criterion {self.criterion.id!r})",
        )

    def given(self) -> str:
        """The facts read, as the note shows them."""
        return ", ".join(f"{key} = {toml_value(value)}" for key, value in self.read.items())


# --- parameter value checks ----------------------------------------------------------


def fraction(value: Any) -> Optional[str]:
    """A number from 0 to 1."""
    if not is_real_number(value) or not 0 <= value <= 1:
        return f"expected a number from 0 to 1, found {shown(value)}"
    return None


def positive(value: Any) -> Optional[str]:
    """A number > 0."""
    if not is_real_number(value) or value <= 0:
        return f"expected a number > 0, found {shown(value)}"
    return None


def non_negative(value: Any) -> Optional[str]:
    """A number >= 0."""
    if not is_real_number(value) or value < 0:
        return f"expected a number >= 0, found {shown(value)}"
    return None


def missing_param(value: Any) -> Optional[str]:
    """``"error"`` or a number (whether it is on the scale is checked when it is used)."""
    if value == "error" or is_real_number(value):
        return None
    return f'expected "error" or a value on the rubric\'s scale, found {shown(value)}'


def table_of_fractions(keys: Sequence[str]) -> ValueCheck:
    """A table mapping some of ``keys`` to numbers from 0 to 1."""
    keys = list(keys)

    def check(value: Any) -> Optional[str]:
        if not isinstance(value, dict):
            return f"expected a table with some of {listing(keys)} = a number from 0 to 1, found {shown(value)}"
        for key, share in value.items():
            if key not in keys:
                return f"unknown key {key!r}{did_you_mean(key, keys)}"
            problem = fraction(share)
            if problem:
                return f"{key}: {problem}"
        return None

    return check


def param_checker(
    checks: Mapping[str, ValueCheck], *, defaults: Mapping[str, Any] = {}, ordered: tuple = ()
) -> ParamCheck:
    """A ``check_params(params, rubric)`` that checks each value given (``missing`` included).

    ``ordered`` names a ``(low, high)`` pair of parameters where ``high`` must
    exceed ``low`` once ``defaults`` are filled in.
    """
    checks = {"missing": missing_param, **checks}

    def check_params(params: Mapping[str, Any], rubric: Any) -> list:
        problems = []
        for name, value in params.items():
            problem = checks[name](value) if name in checks else None
            if problem:
                problems.append(f"{name}: {problem}")
        if ordered and not problems:
            low, high = ordered
            a, b = params.get(low, defaults.get(low)), params.get(high, defaults.get(high))
            if b <= a:
                problems.append(f"{high}: expected more than {low} ({a:g}), found {b:g}")
        return problems

    return check_params
