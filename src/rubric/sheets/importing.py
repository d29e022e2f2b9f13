"""``rubric import``: filled rating sheets checked row by row, then written as assessment files.

Every row is checked before anything is written, and every problem is
reported with its sheet, row and column.  A score is a number on the scale
or one of the scale's labels written exactly as the rubric writes it
("improves", not "Improves"), a letter grade of the rubric's
``[grade_points]`` (kept as the letter in the file written, as a rater would
write it by hand), or ``unknown`` / ``not-applicable`` (a gap: no interval,
its reasons in the rationale).  Each rater's ratings under a rubric become
one assessment file, ``RATER.toml`` (``RATER-RUBRIC.toml`` when the import
holds several rubrics for one rater).
"""

from __future__ import annotations

import numbers
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from rubric.errors import InputError, Problem, did_you_mean
from rubric.loading import CONFIDENCE_LEVELS, ID_PATTERN
from rubric.loading.fields import GAP_SCORES
from rubric.loading.letters import letter_points
from rubric.model import Proposal, Rating, Rubric
from rubric.sheets.columns import SOURCE_SEPARATOR
from rubric.sheets.reading import Row, Sheet, read_sheet

#: (rubric, rater) -> proposal -> criterion -> the rating, in the order read.
Imported = dict[tuple[str, str], dict[str, dict[str, Rating]]]


def import_sheets(
    paths: Iterable[Path],
    rubrics: Sequence[Rubric],
    proposals: Sequence[Proposal],
    assessed: dict[str, Sequence[str]],
) -> Imported:
    """The ratings of every filled row of every file, or :class:`InputError` with every problem.

    ``assessed`` maps a rubric id to the ids of its criteria that raters score.
    """
    problems: list[Problem] = []
    found: Imported = {}
    first: dict[tuple, str] = {}  # a rating's key -> where it was first given
    for path in paths:
        sheet = read_sheet(Path(path))
        problems += sheet.problems
        if sheet.problems:
            continue
        checker = _RowChecker(sheet, {r.id: r for r in rubrics}, {p.id: p for p in proposals}, assessed)
        for row in sheet.rows:
            parsed = checker.rating(row)
            if parsed is None:
                continue
            (rubric_id, rater, pid, cid), rating = parsed
            key = (rubric_id, rater, pid, cid)
            if key in first:
                sheet.problem(f"duplicate of {first[key]}: rater {rater!r} rates criterion {cid!r} of {pid!r} twice",
                              row=row.number)
                continue
            first[key] = f"{sheet.path} {sheet.where(row.number)}"
            found.setdefault((rubric_id, rater), {}).setdefault(pid, {})[cid] = rating
        problems += sheet.problems
    if problems:
        raise InputError(problems)
    return found


class _RowChecker:
    """Checks one row's cells against the rubric and the proposal, recording each problem at its column."""

    def __init__(self, sheet: Sheet, rubrics: dict, proposals: dict, assessed: dict):
        self.sheet, self.rubrics, self.proposals, self.assessed = sheet, rubrics, proposals, assessed

    def rating(self, row: Row) -> Optional[tuple[tuple[str, str, str, str], Rating]]:
        before = len(self.sheet.problems)
        for column in row.formulas:
            self.sheet.problem(f"a formula ({row.values[column]}); type the value itself", row.number, column)
        if row.formulas:
            return None
        rubric = self._known(row, "rubric", self.rubrics, "rubric")
        proposal = self._known(row, "proposal", self.proposals, "proposal")
        rater = self._text(row, "rater")
        if rater is not None and not ID_PATTERN.match(rater):
            self.sheet.problem(f"expected a rater name of lowercase letters, digits, '-' or '_', found {rater!r}",
                               row.number, "rater")
        cid = self._text(row, "criterion")
        if rubric is not None and cid is not None and cid not in self.assessed[rubric.id]:
            self.sheet.problem(f"rubric {rubric.id!r} has no assessed criterion {cid!r}"
                               f"{did_you_mean(cid, list(self.assessed[rubric.id]))}", row.number, "criterion")
        if rubric is None:
            return None
        gap = self._gap(row)
        score, letter = (None, "") if gap else self._score(row, rubric)
        if not gap and score is None and len(self.sheet.problems) == before:
            return None  # not rated (yet): a blank row of the sheet
        (low, low_letter), (high, high_letter) = (self._number(row, name, rubric) for name in ("low", "high"))
        for name in ("low", "high") if gap else ():
            if self._text(row, name) is not None:
                self.sheet.problem(f'a score of "{gap}" has no interval; clear this cell, or give a score', row.number, name)
        if score is not None and low is not None and low > score:
            self.sheet.problem(f"expected low <= score ({score:g}), found {low:g}", row.number, "low")
        if score is not None and high is not None and high < score:
            self.sheet.problem(f"expected high >= score ({score:g}), found {high:g}", row.number, "high")
        confidence = self._text(row, "confidence")
        if confidence is not None and confidence not in CONFIDENCE_LEVELS:
            self.sheet.problem(f"expected one of {', '.join(CONFIDENCE_LEVELS)}, found {confidence!r}", row.number, "confidence")
        rationale = self._text(row, "rationale", strip=False) or ""
        if rubric.rationale == "required" and not rationale.strip():
            self.sheet.problem(f"the rationale is empty; rubric {rubric.id!r} asks every rating to say why", row.number,
                               "rationale")
        sources = tuple(s.strip() for s in (self._text(row, "sources") or "").split(SOURCE_SEPARATOR) if s.strip())
        if proposal is not None:
            known = [s.id for s in proposal.sources]
            for source in sources:
                if source not in known:
                    self.sheet.problem(f"unknown source {source!r}: not among proposal {proposal.id!r}'s sources"
                                       f"{did_you_mean(source, known)}", row.number, "sources")
        if len(self.sheet.problems) > before or (score is None and not gap) or proposal is None or rater is None or cid is None:
            return None
        letters = tuple((name, text) for name, text in (("score", letter), ("low", low_letter), ("high", high_letter)) if text)
        rating = Rating(rater=rater, score=score, rationale=rationale, low=low, high=high, confidence=confidence,
                        sources=sources, gap=gap, letters=letters)
        return (rubric.id, rater, proposal.id, cid), rating

    def _text(self, row: Row, column: str, strip: bool = True) -> Optional[str]:
        value = row.values.get(column)
        if value is None:
            return None
        if isinstance(value, numbers.Real) and not isinstance(value, bool):
            value = f"{value:g}"
        text = str(value).strip() if strip else str(value)
        return text if text.strip() else None

    def _known(self, row: Row, column: str, known: dict, what: str) -> Any:
        value = self._text(row, column)
        if value is None:
            self.sheet.problem(f"empty; expected a {what} id", row.number, column)
            return None
        if value not in known:
            self.sheet.problem(f"no loaded {what} has id {value!r}{did_you_mean(value, list(known))}", row.number, column)
            return None
        return known[value]

    def _number(self, row: Row, column: str, rubric: Rubric) -> tuple[Optional[float], str]:
        """The cell's number, and the letter grade it was given as (empty for a number or a label)."""
        value = row.values.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None, ""
        scale = rubric.scale
        label = isinstance(value, str) and value in scale.labels
        letter = value if isinstance(value, str) and not label and value in rubric.grade_points else ""
        if letter:
            number = letter_points(letter, rubric)[0]
        else:
            number = _as_number(scale.min + scale.labels.index(value) * scale.step if label else value)
        if number is None:
            expected = f"a number from {scale.min:g} to {scale.max:g} or one of the labels ({', '.join(scale.labels)})"
            if rubric.grade_points:
                expected += f" or grades ({', '.join(rubric.grade_points)})"
            gaps = " (or, for a score, unknown or not-applicable)" if column == "score" else ""
            self.sheet.problem(f"expected {expected}, written exactly so{gaps}, found {value!r}", row.number, column)
            return None, ""
        if not scale.contains(number):
            self.sheet.problem(f"{number:g} is off the scale {scale.min:g}…{scale.max:g}", row.number, column)
            return None, ""
        return number, letter

    def _gap(self, row: Row) -> str:
        """``unknown`` or ``not-applicable`` where the score cell says so, written exactly so; else empty."""
        value = row.values.get("score")
        return value if isinstance(value, str) and value in GAP_SCORES else ""

    def _score(self, row: Row, rubric: Rubric) -> tuple[Optional[float], str]:
        score = self._number(row, "score", rubric)
        if score[0] is None and row.values.get("score") is None:
            filled = [c for c in ("low", "high", "confidence", "rationale", "sources") if self._text(row, c) is not None]
            if filled:
                self.sheet.problem(f"the score is empty, but the row has a {filled[0]}; give a score or clear the row",
                                   row.number, "score")
        return score


def _as_number(value: Any) -> Optional[float]:
    """A real number from a cell: a number, or text that is one (never a bool)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Real):
        number = float(value)
    else:
        try:
            number = float(str(value).strip())
        except ValueError:
            return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return int(number) if number.is_integer() else number


def assessment_files(
    imported: Imported, proposals: Sequence[Proposal], assessed: dict[str, Sequence[str]], directory: Path, origin: str
) -> dict[Path, str]:
    """The assessment files to write, by path: one per rubric and rater.

    What the files would contradict is an :class:`InputError`: a rater who
    already rates a criterion elsewhere (in a proposal or another assessment
    file than the one being replaced), or a proposal left without a rating
    of some criterion of a rubric its own file does not rate.
    """
    import tomli_w  # only the import writes TOML

    by_id = {p.id: p for p in proposals}
    several = {rater for (_, rater) in imported if sum(r == rater for (_, r) in imported) > 1}
    files: dict[Path, str] = {}
    problems: list[Problem] = []
    for (rubric_id, rater), by_proposal in imported.items():
        path = directory / (f"{rater}-{rubric_id}.toml" if rater in several else f"{rater}.toml")
        for pid, by_criterion in by_proposal.items():
            theirs = by_id[pid].assessments.get(rubric_id, {})
            for cid in by_criterion:
                other = [r for r in theirs.get(cid, ()) if r.rater == rater and r.origin != path]
                if other:
                    where = other[0].origin or by_id[pid].path
                    problems.append(Problem(path, f"ratings.{pid}.{cid}",
                                            f"rater {rater!r} already rates criterion {cid!r} of {pid!r} in {where}"))
            own = {cid for cid, ratings in theirs.items() if any(r.origin is None for r in ratings)}
            if not own:
                elsewhere = {cid for cid, ratings in theirs.items() if any(r.origin not in (None, path) for r in ratings)}
                missing = [c for c in assessed[rubric_id] if c not in by_criterion and c not in elsewhere]
                if missing:
                    problems.append(Problem(path, f"ratings.{pid}", f"proposal {pid!r} is not rated under {rubric_id!r} in "
                                            f"its own file, so every criterion needs a score; missing: {', '.join(missing)}"))
        data = {
            "rubric": rubric_id,
            "rater": rater,
            "ratings": {pid: {cid: _rating_table(r) for cid, r in by_c.items()} for pid, by_c in by_proposal.items()},
        }
        head = f"# {rater}'s ratings under rubric {rubric_id}, imported by `rubric import` from {origin}.\n\n"
        files[path] = head + tomli_w.dumps(data, multiline_strings=True)
    if problems:
        raise InputError(problems)
    return files


def _rating_table(rating: Rating) -> dict[str, Any]:
    """A rating as its TOML table, keys left out where the sheet left the cell empty (the rater is the file's)."""
    table: dict[str, Any] = {"score": rating.gap or rating.letter("score") or rating.score}
    for name in ("low", "high", "confidence"):
        if getattr(rating, name) is not None:
            table[name] = rating.letter(name) or getattr(rating, name)
    table["rationale"] = rating.rationale
    if rating.sources:
        table["sources"] = list(rating.sources)
    return table
