"""Built-in sorting methods (proposals into ordered classes): one module per method, each a plugin."""

BUILTINS = (
    "rubric.sorting.thresholds",
    "rubric.sorting.mr_sort",
    "rubric.sorting.electre_tri",
)
