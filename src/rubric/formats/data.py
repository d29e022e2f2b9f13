"""Machine-readable output: JSON and CSV of the tables' data, not their rendering.

Both write :meth:`~rubric.components.Table.data_records`: ids as keys, scheme
and method as fields, ranks as integers with the tie flag a boolean, numbers
to 12 significant digits.  JSON is one object with a list of records per
table name (the shapes are in ``docs/schema/output-*.schema.json``); CSV is
one tidy table, with a ``table`` column when a command gives several.
"""

from __future__ import annotations

from rubric import hookimpl
from rubric.components import OutputFormat, records_by_table, tidy_records


def _json_value(value):
    # Dates and other TOML values that JSON lacks are written as text.
    return str(value)


def render_json(tables) -> str:
    import json

    return json.dumps(records_by_table(tables), indent=2, ensure_ascii=False, default=_json_value)


def _csv_cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def render_csv(tables) -> str:
    """One tidy table: the union of the records' fields as columns, in first-seen order."""
    import csv
    import io

    records = tidy_records(tables)
    columns = list(dict.fromkeys(key for record in records for key in record))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_csv_cell(record.get(column)) for column in columns] for record in records)
    return out.getvalue().rstrip("\n")


@hookimpl
def rubric_output_formats():
    return [
        OutputFormat("json", render_json, "JSON: an object with a list of records per table"),
        OutputFormat("csv", render_csv, "CSV: one tidy table, a `table` column where there are several"),
    ]
