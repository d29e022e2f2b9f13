"""Machine-readable output: JSON (a list of tables of records) and CSV."""

from __future__ import annotations

from rubric import hookimpl
from rubric.components import OutputFormat


def _json_value(value):
    # Dates and other TOML values that JSON lacks are written as text.
    return str(value)


def render_json(tables) -> str:
    import json

    payload = [
        {"title": t.title, "columns": list(t.headers), "rows": t.records(), "notes": list(t.notes)} for t in tables
    ]
    return json.dumps(payload, indent=2, ensure_ascii=False, default=_json_value)


def render_csv(tables) -> str:
    """One CSV block per table, separated by a blank line; titles as ``# comment`` rows."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for index, table in enumerate(tables):
        if index:
            out.write("\n")
        if len(tables) > 1:
            out.write(f"# {table.title}\n")
        writer.writerow(table.headers)
        # Ranks as plain numbers: a tie shows as two equal ranks.
        writer.writerows([int(c) if hasattr(c, "tied") else c for c in row] for row in table.rows)
    return out.getvalue().rstrip("\n")


@hookimpl
def rubric_output_formats():
    return [
        OutputFormat("json", render_json, "JSON: a list of tables, each with its rows as records"),
        OutputFormat("csv", render_csv, "CSV, one block per table"),
    ]
