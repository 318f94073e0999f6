"""How big an inspection may be: far above any real one, far below what makes the app stall.

Chosen from ``benchmarks/scale.py`` (figures in its docstring): a real inspection holds a few hundred
evidence items, a framework a few dozen questions and a paragraph a few thousand characters. The file
loader refuses what is beyond these with a message that names the cap; the editors refuse a paste that
would pass :data:`MAX_TEXT_CHARS`.
"""

from __future__ import annotations

#: Evidence items in one inspection (the large benchmark has 10,000; a real inspection a few hundred).
MAX_EVIDENCE_ITEMS = 50_000
#: Core questions in one framework (PEEL 2016 has 5 per pillar; a whole PEEL programme about 30).
MAX_QUESTIONS = 500
#: Characters in one text (a paragraph, a title, an evidence note): a whole published report is ~100,000.
MAX_TEXT_CHARS = 100_000
