"""Built-in criterion kinds: one module per kind, each a plugin."""

BUILTINS = ("rubric.criteria.assessed", "rubric.criteria.value_function")
