"""``rubric new sheet``: a rating workbook a panel fills in, one row per proposal × criterion.

The score cell offers the scale's labels, the rubric's letter grades (its
``[grade_points]``) and the gaps ``unknown`` and ``not-applicable`` as a
drop-down (a number on the scale may be typed instead); the columns that say which rating a row is are
locked, the rater's columns are not.  Proposal text is stored as text, never
as a formula (:func:`rubric.tabular.store`).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Sequence

from rubric.loading import CONFIDENCE_LEVELS
from rubric.loading.fields import GAP_SCORES
from rubric.model import Proposal, Rubric
from rubric.sheets.columns import INPUT_COLUMNS, PROPOSALS_SHEET, RATINGS_SHEET, SHEET_COLUMNS
from rubric.tabular import MAX_WIDTH, require, store

#: Excel refuses an in-cell list longer than this (the labels joined by commas).
MAX_LIST = 255


def rating_rows(rubric: Rubric, proposals: Sequence[Proposal], rater: str, assessed: Sequence[str]) -> list[dict]:
    """The sheet's rows: every proposal × assessed criterion, input cells blank."""
    questions = {c.id: " ".join((c.question or c.title).split()) for c in rubric.criteria}
    return [
        {"proposal": p.id, "criterion": cid, "question": questions[cid], "rubric": rubric.id, "rater": rater}
        for p in proposals
        for cid in assessed
    ]


def write_sheet(path: Path, rubric: Rubric, proposals: Sequence[Proposal], rater: str, assessed: Sequence[str]) -> None:
    """Write the workbook: sheet ``ratings`` to fill in, sheet ``proposals`` with each one's summary and sources.

    :raises MissingExtraError: openpyxl is not installed.
    """
    openpyxl = require("openpyxl", "excel", "A rating sheet")
    styles = importlib.import_module("openpyxl.styles")
    validation = importlib.import_module("openpyxl.worksheet.datavalidation")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = RATINGS_SHEET
    rows = rating_rows(rubric, proposals, rater, assessed)
    sheet.append(list(SHEET_COLUMNS))
    for number, row in enumerate(rows, start=2):
        for col, column in enumerate(SHEET_COLUMNS, start=1):
            cell = sheet.cell(row=number, column=col)
            store(cell, row.get(column))
            if column in INPUT_COLUMNS:
                cell.protection = styles.Protection(locked=False)
    for cell in sheet[1]:
        cell.font = styles.Font(bold=True)
    last = len(rows) + 1
    letter = {column: openpyxl.utils.get_column_letter(i) for i, column in enumerate(SHEET_COLUMNS, start=1)}
    scale = rubric.scale
    choices = (*scale.labels, *(g for g in rubric.grade_points if g not in scale.labels), *GAP_SCORES)
    labels = ",".join(choices)
    if len(labels) + 2 <= MAX_LIST and not any("," in label or '"' in label for label in choices):
        score = validation.DataValidation(
            type="list", formula1=f'"{labels}"', allow_blank=True, errorStyle="warning",
            error=f"Pick from the list, or type a number from {scale.min:g} to {scale.max:g}.", showErrorMessage=True,
        )
        sheet.add_data_validation(score)
        score.add(f"{letter['score']}2:{letter['score']}{last}")
    confidence = validation.DataValidation(type="list", formula1=f'"{",".join(CONFIDENCE_LEVELS)}"', allow_blank=True)
    sheet.add_data_validation(confidence)
    confidence.add(f"{letter['confidence']}2:{letter['confidence']}{last}")
    widths = {"question": MAX_WIDTH, "rationale": MAX_WIDTH, "sources": 24}
    for column in SHEET_COLUMNS:
        longest = max([len(column)] + [len(str(r.get(column) or "")) for r in rows])
        sheet.column_dimensions[letter[column]].width = widths.get(column, min(longest + 2, MAX_WIDTH))
    for cell in sheet[letter["question"]][1:] + sheet[letter["rationale"]][1:]:
        cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True  # the unlocked cells above stay editable
    _proposals_sheet(workbook.create_sheet(PROPOSALS_SHEET), proposals, styles, openpyxl)
    workbook.save(path)


def _proposals_sheet(sheet, proposals: Sequence[Proposal], styles, openpyxl) -> None:
    """What a rater reads before rating: each proposal's title, summary and sources, one source per line."""
    columns = ("proposal", "title", "summary", "sources")
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = styles.Font(bold=True)
    for number, proposal in enumerate(proposals, start=2):
        sources = "\n".join(
            f"{s.id}: {s.title}" + "".join(f", {part}" for part in (s.publisher, s.url) if part) for s in proposal.sources
        )
        values = (proposal.id, proposal.title, " ".join(proposal.summary.split()), sources)
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=col)
            store(cell, value)
            cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate((28, 40, MAX_WIDTH, MAX_WIDTH), start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(col)].width = width
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True


def default_name(rater: str) -> Path:
    """``ratings-RATER.xlsx``: where ``rubric new sheet`` writes without ``-o``."""
    return Path(f"ratings-{rater}.xlsx")
