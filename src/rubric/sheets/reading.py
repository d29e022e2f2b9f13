"""A filled rating sheet read back, workbook or CSV, as rows of cells that know where they are.

Structural problems (a missing or unknown column, an extra sheet, merged
cells, a CSV that is not UTF-8 or uses ``;``) are found here; what a cell
means is checked in :mod:`.importing`.  A CSV's byte-order mark is accepted:
Excel's "CSV UTF-8" writes one, as editors do for the TOML files.
"""

from __future__ import annotations

import codecs
import csv
import importlib
import io
import zipfile
from pathlib import Path
from typing import Any, Optional

import attrs

from rubric.errors import Problem, did_you_mean
from rubric.sheets.columns import KNOWN_COLUMNS, PROPOSALS_SHEET, RATINGS_SHEET, REQUIRED_COLUMNS
from rubric.tabular import FORMULA_STARTS, require


@attrs.frozen
class Row:
    """One row of a rating sheet: its number, and each column's value (a formula as its text, flagged)."""

    number: int
    values: dict[str, Any]
    formulas: frozenset = frozenset()


@attrs.define
class Sheet:
    """The rows read from one file, and where to place a problem in it."""

    path: Path
    name: Optional[str]  # the sheet's name in a workbook; None for a CSV
    rows: list[Row] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)

    def where(self, row: Optional[int] = None, column: Optional[str] = None) -> str:
        parts = [f"sheet {self.name}"] if self.name is not None else []
        parts += [f"row {row}"] if row is not None else []
        parts += [f"column {column}"] if column is not None else []
        return ", ".join(parts)

    def problem(self, message: str, row: Optional[int] = None, column: Optional[str] = None) -> None:
        self.problems.append(Problem(self.path, self.where(row, column), message))


def read_sheet(path: Path) -> Sheet:
    """Read a ``.xlsx`` workbook or a ``.csv`` file (by its suffix)."""
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    return read_workbook(path)


def read_workbook(path: Path) -> Sheet:
    openpyxl = require("openpyxl", "excel", "Importing a workbook")
    sheet = Sheet(path, RATINGS_SHEET)
    invalid = importlib.import_module("openpyxl.utils.exceptions").InvalidFileException
    try:
        workbook = openpyxl.load_workbook(path, data_only=False)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, invalid) as exc:
        sheet.problem(f"cannot be read as an XLSX workbook ({exc}); save it from the spreadsheet as .xlsx, or as CSV UTF-8")
        return sheet
    for name in workbook.sheetnames:
        if name not in (RATINGS_SHEET, PROPOSALS_SHEET):
            sheet.problems.append(Problem(path, f"sheet {name}", f"unexpected sheet; a rating sheet has only "
                                          f"{RATINGS_SHEET!r} and {PROPOSALS_SHEET!r} (delete it, or move its rows there)"))
    if RATINGS_SHEET not in workbook.sheetnames:
        sheet.problems.append(Problem(path, "", f"no sheet named {RATINGS_SHEET!r}; found {', '.join(workbook.sheetnames)}"))
        return sheet
    ws = workbook[RATINGS_SHEET]
    for merged in ws.merged_cells.ranges:
        sheet.problem(f"cells {merged.coord} are merged; unmerge them: every row needs its own value in every column",
                      row=merged.min_row)
    grid = [[cell for cell in row] for row in ws.iter_rows()]
    if not grid:
        sheet.problem("the sheet is empty; expected a header row")
        return sheet
    header = _header(sheet, [c.value for c in grid[0]])
    for number, cells in enumerate(grid[1:], start=2):
        values, formulas = {}, set()
        for column, cell in zip(header, cells):
            if column is None:
                continue
            if cell.data_type == "f":
                formulas.add(column)
            values[column] = cell.value
        _add_row(sheet, number, values, formulas)
    return sheet


def read_csv(path: Path) -> Sheet:
    sheet = Sheet(path, None)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        sheet.problem(f"cannot be read: {exc.strerror or exc}")
        return sheet
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        sheet.problem(f"is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as \"CSV UTF-8\"", row=row)
        return sheet
    lines = text.splitlines()
    if lines and ";" in lines[0] and "," not in lines[0]:
        sheet.problem("columns are separated by ';' (a regional spreadsheet setting); save it with ',' separators", row=1)
        return sheet
    grid = list(csv.reader(io.StringIO(text, newline="")))
    if not grid:
        sheet.problem("the file is empty; expected a header row")
        return sheet
    header = _header(sheet, grid[0])
    for number, cells in enumerate(grid[1:], start=2):
        if len(cells) > len(header):
            sheet.problem(f"{len(cells)} cells, but the header has {len(header)} columns", row=number)
            continue
        values = {column: _text(value) for column, value in zip(header, cells) if column is not None}
        _add_row(sheet, number, values, set())
    return sheet


def _text(value: str) -> Any:
    """A CSV cell: empty is missing; an export's apostrophe before a formula-like text is removed again."""
    if value == "":
        return None
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _header(sheet: Sheet, names: list) -> list[Optional[str]]:
    """The header's column names; unknown, duplicate and missing columns are problems."""
    header: list[Optional[str]] = []
    for index, name in enumerate(names, start=1):
        text = str(name).strip() if name is not None else ""
        if not text:
            header.append(None)
            continue
        if text not in KNOWN_COLUMNS:
            sheet.problem(f"unknown column {text!r}{did_you_mean(text, sorted(KNOWN_COLUMNS))}", row=1, column=f"{index}")
            header.append(None)
        elif text in header:
            sheet.problem(f"column {text!r} appears twice", row=1, column=f"{index}")
            header.append(None)
        else:
            header.append(text)
    for column in REQUIRED_COLUMNS:
        if column not in header:
            sheet.problem(f"missing column {column!r}; a rating sheet needs {', '.join(REQUIRED_COLUMNS)}", row=1)
    return header


def _add_row(sheet: Sheet, number: int, values: dict, formulas: set) -> None:
    """Keep a row unless it is empty throughout."""
    if any(v is not None and str(v).strip() for v in values.values()):
        sheet.rows.append(Row(number, values, frozenset(formulas)))
