"""Long tables out as CSV, JSON lines or an XLSX workbook, safe to open in a spreadsheet.

Proposals are untrusted, and a spreadsheet runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula (tab and carriage return also
start one in some programs).  Every such text is neutralised: in CSV it is
prefixed with an apostrophe, as OWASP advises; in XLSX it is stored as a
string, never as a formula, and shown as typed.  Numbers are numbers
(``-0.5`` stays a number); a list is one cell, its items joined with
``"; "``.  openpyxl is an optional extra, imported only to write or read a
workbook.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any, Sequence

from rubric.errors import MissingExtraError
from rubric.tidy import LongTable

__all__ = ["FORMULA_STARTS", "flat", "neutralise", "require", "to_csv", "to_jsonl", "write_xlsx"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Widest column of a workbook, in characters; longer text wraps.
MAX_WIDTH = 60


def require(module: str, extra: str, what: str) -> ModuleType:
    """Import an optional dependency, or say which ``pip install`` brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(f"{what} needs {module}: pip install 'policy-rubric[{extra}]'") from None


def neutralise(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def flat(value: Any) -> Any:
    """A list (the red lines a proposal crossed) as one cell: its items joined with ``"; "``; other values as they are."""
    return "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else value


def _cell(value: Any) -> Any:
    if isinstance(value, bool):  # before numbers: True is an int
        return "true" if value else "false"
    return "" if value is None else neutralise(flat(value))


def to_csv(table: LongTable) -> str:
    """The table as CSV (RFC 4180, ``\\r\\n`` line ends), headers first, empty cells for missing values."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows([_cell(record.get(column)) for column in table.columns] for record in table.records)
    return out.getvalue()


def to_jsonl(table: LongTable) -> str:
    """The table as JSON lines: one object per record, keys in column order."""
    return "".join(
        json.dumps({column: record.get(column) for column in table.columns}, ensure_ascii=False) + "\n"
        for record in table.records
    )


def write_xlsx(tables: Sequence[LongTable], path: Path) -> None:
    """A workbook with one sheet per table: frozen header row, column widths, number formats.

    :raises MissingExtraError: openpyxl is not installed.
    """
    openpyxl = require("openpyxl", "excel", "XLSX output")
    styles = importlib.import_module("openpyxl.styles")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font = styles.Font(bold=True)
        for row, record in enumerate(table.records, start=2):
            for col, column in enumerate(table.columns, start=1):
                store(sheet.cell(row=row, column=col), flat(record.get(column)), table.number_formats.get(column))
        sheet.freeze_panes = "A2"
        for col, column in enumerate(table.columns, start=1):
            longest = max([len(column)] + [len(str(flat(r.get(column)) or "")) for r in table.records])
            letter = openpyxl.utils.get_column_letter(col)
            sheet.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH)
            if longest > MAX_WIDTH:
                for cell in sheet[letter][1:]:
                    cell.alignment = styles.Alignment(wrap_text=True, vertical="top")
    workbook.save(path)


def store(cell: Any, value: Any, number_format: str | None = None) -> None:
    """Put a value in a workbook cell: text always as text (never a formula), numbers with their format."""
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
    else:
        cell.value = value
        if number_format and isinstance(value, (int, float)) and not isinstance(value, bool):
            cell.number_format = number_format
