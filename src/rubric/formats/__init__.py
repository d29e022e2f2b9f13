"""Built-in output formats: tabulate's formats, JSON and CSV."""

BUILTINS = ("rubric.formats.tables", "rubric.formats.data")
