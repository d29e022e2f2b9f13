"""Built-in weighting methods: one module per method, each a plugin."""

BUILTINS = (
    "rubric.weighting.direct",
    "rubric.weighting.equal",
    "rubric.weighting.rank_order_centroid",
    "rubric.weighting.rank_sum",
    "rubric.weighting.ahp",
    "rubric.weighting.swing",
    "rubric.weighting.pooled",
)
