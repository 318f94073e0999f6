"""How big an inspection may be: far above any real one, far below what makes the app stall.

Chosen from ``benchmarks/scale.py`` (figures in its docstring): a real inspection holds a few hundred
evidence items, a framework a few dozen questions and a paragraph a few thousand characters. The file
loader refuses what is beyond these with a message that names the cap; the editors refuse a paste that
would pass :data:`MAX_TEXT_CHARS`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .blocks import Record
from .record_index import iter_records

#: Evidence items in one inspection (the large benchmark has 10,000; a real inspection a few hundred).
MAX_EVIDENCE_ITEMS = 50_000
#: Core questions in one framework (PEEL 2016 has 5 per pillar; a whole PEEL programme about 30).
MAX_QUESTIONS = 500
#: Characters in one text (a paragraph, a title, an evidence note): a whole published report is ~100,000.
MAX_TEXT_CHARS = 100_000
#: Bytes of one figure's image (a chart exported from a spreadsheet is 50–300 KB, a photograph 2–5 MB).
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: Bytes of all the figures' images together. The file holds them as base64 (4 bytes for 3), so 60 MB of
#: images take 80 MB of the file's 100 MB (storage/inspection_file.py MAX_FILE_BYTES), leaving 20 MB for
#: the rest (10,000 evidence items make about 8 MB): a file that saves always opens again.
MAX_IMAGES_BYTES = 60 * 1024 * 1024
#: Pixels of one image (a decompression bomb is a small file that decodes to gigabytes): 40 million is a
#: 7,300 × 5,500 photograph; decoded, 160 MB.
MAX_IMAGE_PIXELS = 40_000_000
#: Pixels on one side of an image (a 1 × 40,000,000 strip passes the count but no renderer draws it).
MAX_IMAGE_SIDE = 20_000


def longest_text(root: Record) -> tuple[int, Record, str] | None:
    """(length, record, field) of the longest text in ``root`` and the records inside it (lists of texts
    and table rows included); None when there is no text at all."""
    best: tuple[int, Record, str] | None = None
    for record in (root, *iter_records(root)):
        for name in type(record).model_fields:
            length = _text_length(getattr(record, name))
            if length and (best is None or length > best[0]):
                best = (length, record, name)
    return best


def _text_length(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list) and value and not isinstance(value[0], BaseModel):
        return max((_text_length(item) for item in value), default=0)
    return 0
