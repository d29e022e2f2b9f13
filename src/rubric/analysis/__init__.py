"""What is computed on top of an evaluation: how far its conclusions hold.

* :mod:`~rubric.analysis.weight_stability` (with its result in
  :mod:`~rubric.analysis.stability_result`): how far each weight can move
  before the ranking changes;
* SMAA-2: :mod:`~rubric.analysis.sampling` draws weights and values,
  :mod:`~rubric.analysis.array_core` tallies ranks on plain arrays, and
  :mod:`~rubric.analysis.acceptability` runs it on an evaluation and holds the
  result;
* :mod:`~rubric.analysis.constraints`: a scheme's weight constraints compiled
  for the sampler;
* :mod:`~rubric.analysis.reliability`: how far raters agree (Krippendorff's alpha).

Every analysis reads the registry the evaluation was computed with.  Module
names differ from the functions they hold (``rubric.smaa`` is a function,
never a module), so importing a module never shadows the public API.
"""
