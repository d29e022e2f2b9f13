"""Built-in aggregation methods: one module per method, each a plugin."""

BUILTINS = (
    "rubric.aggregation.weighted_sum",
    "rubric.aggregation.weighted_product",
    "rubric.aggregation.maximin",
    "rubric.aggregation.lexicographic",
    "rubric.aggregation.topsis",
    "rubric.aggregation.promethee",
    "rubric.aggregation.promethee_i",
    "rubric.aggregation.electre_iii",
    "rubric.aggregation.vikor",
)
