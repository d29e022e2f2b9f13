"""Rating sheets: a workbook for a panel to fill in, and its import into assessment files.

:mod:`.workbook` writes the sheet (``rubric new sheet``), :mod:`.reading`
reads a filled workbook or CSV into located cells, and :mod:`.importing`
checks every row against the rubric and the proposals before turning them
into assessment files (``rubric import``): nothing is written when anything
is wrong.  openpyxl (the ``[excel]`` extra) is imported only for workbooks.
"""
