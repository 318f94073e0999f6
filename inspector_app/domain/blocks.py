"""Rich text as a list of blocks: paragraphs, bullets, figure placeholders and data tables.

Narrative, summaries and the framework's standard texts are all lists of blocks, so the Word export walks
one structure and an editor edits one structure. Every block has a stable id (see :class:`Record`).
"""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class Record(BaseModel):
    """Base of every stored record: forbids unknown fields and carries a stable uuid.

    Stable ids let later sessions merge several inspectors' files and let undo commands find a record again
    after the objects around it changed.
    """

    model_config = ConfigDict(extra="forbid", validate_default=False)

    id: uuid.UUID = Field(default_factory=new_id)


class Cites(Record):
    """A record that can cite evidence items (by id) to show what a finding stands on."""

    evidence_ids: list[uuid.UUID] = Field(default_factory=list)


class Paragraph(Cites):
    kind: Literal["paragraph"] = "paragraph"
    text: str = ""


class Bullet(Cites):
    """A bulleted list item; consecutive bullets form one list. ``level`` 1 nests under the bullet above."""

    kind: Literal["bullet"] = "bullet"
    text: str = ""
    level: Annotated[int, Field(ge=0, le=2)] = 0


def _bytes_from_base64(value: Any) -> Any:
    """In JSON (and in a parsed document being upgraded) image bytes are one base64 string."""
    if isinstance(value, str):
        try:
            return base64.b64decode(value.encode("ascii"), validate=True)
        except (UnicodeEncodeError, binascii.Error) as error:
            raise ValueError("the image data is not base64") from error
    return value


#: Bytes kept in the file as one base64 string (no line breaks), read back to the same bytes.
Base64Data = Annotated[
    bytes,
    BeforeValidator(_bytes_from_base64),
    PlainSerializer(lambda data: base64.b64encode(data).decode("ascii"), return_type=str, when_used="json"),
]

#: The kinds of image a figure may hold: what Word and LibreOffice both show.
ImageType = Literal["image/png", "image/jpeg"]


class FigureImage(BaseModel):
    """A figure's picture, stored inside the inspection file so the inspection stays one file."""

    model_config = ConfigDict(extra="forbid")

    media_type: ImageType
    data: Base64Data


class Figure(Record):
    """A chart or picture the report shows: its caption, its image (PNG or JPEG, kept in the file) and the
    alternative text a screen reader says for it. Image and alt text were added in file format 3; until
    a figure has an image the report prints "[Image to be added]" under its caption (:mod:`.images`), and
    ``check`` warns of it."""

    kind: Literal["figure"] = "figure"
    caption: str = ""
    image: FigureImage | None = None
    alt_text: str = ""


class DataTable(Record):
    """A small data table, e.g. the force's crime rates against England and Wales, with a note beneath."""

    kind: Literal["table"] = "table"
    caption: str = ""
    columns: list[str] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)
    note: str = ""

    @field_validator("rows")
    @classmethod
    def _rows_fit_columns(cls, rows: list[list[str]], info: ValidationInfo) -> list[list[str]]:
        columns = info.data.get("columns")
        if columns:
            for number, row in enumerate(rows, start=1):
                if len(row) != len(columns):
                    raise ValueError(
                        f"row {number} has {len(row)} cells but the table has {len(columns)} columns"
                    )
        return rows


Block = Annotated[Paragraph | Bullet | Figure | DataTable, Field(discriminator="kind")]


def plain_text(blocks: list[Block]) -> str:
    """The words of a block list as plain text, one block a line (for search, checks and previews)."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Bullet)):
            lines.append(block.text)
        elif isinstance(block, Figure):
            lines.append(block.caption)
        else:
            lines.append(block.caption)
            lines.extend(" ".join(row) for row in [block.columns, *block.rows])
            lines.append(block.note)
    return "\n".join(line for line in lines if line)
