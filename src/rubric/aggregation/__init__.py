"""Built-in aggregation methods: one module per method, each a plugin."""

BUILTINS = ("rubric.aggregation.weighted_sum",)
