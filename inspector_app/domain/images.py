"""A figure's image: which pictures an inspection takes, read from their headers without decoding them.

A figure holds a PNG or JPEG image inside the inspection file (:class:`~.blocks.FigureImage`). Before an
image is set (:func:`.editing.set_figure_image`) and when a file is loaded, its bytes are checked here:
they really are the stated kind of image (the signature, not the file name, says so), its header is whole
and gives its size in pixels, and it stays within the caps of :mod:`.limits` — the bytes of one image, of
all images together, and the pixels (a decompression bomb is a small file whose picture decodes to
gigabytes; only the header is read here, so checking one costs microseconds). The reader is our own:
PNG's IHDR and pHYs chunks, JPEG's SOF and JFIF segments. No Qt, no python-docx.

    read_image(data, media_type=None) -> ImageInfo         # raises ImageError
    check_size(size)                                       # a file's size, before reading it
    figure_image(data) -> FigureImage                      # the kind from the signature, checked
    check_room(root, image, figure_id=None)                # all images together within MAX_IMAGES_BYTES
    figures(root) -> Iterator[Figure]                      # every figure (the evidence is skipped)
"""

from __future__ import annotations

import struct
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import get_args

from pydantic import BaseModel

from .blocks import Figure, FigureImage, ImageType, Record
from .limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_IMAGES_BYTES
from .record_index import iter_records

#: What the report prints under the caption of a figure that has no image yet (a check warns of it).
PLACEHOLDER = "[Image to be added]"
#: The kinds of image a figure takes, as the file stores them.
MEDIA_TYPES: tuple[ImageType, ...] = get_args(ImageType)
#: How a message names each kind.
KIND_NAMES = {"image/png": "PNG", "image/jpeg": "JPEG"}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
#: Signatures of images a figure does not take, to name them in the message.
_OTHER_KINDS = (
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"\x00\x00\x01\x00", "an icon file"),
)
#: A resolution outside this range (dots per inch) is taken for a mistake in the file: 96 is used instead.
_DPI_RANGE = (20.0, 2400.0)
#: PNG's colour types and the bit depths each allows (PNG specification, IHDR).
_PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
#: JPEG start-of-frame markers (every SOFn but DHT C4, JPG C8 and DAC CC): they carry the size.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: JPEG markers without a length: TEM and the restart markers.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})


class ImageError(ValueError):
    """An image a figure cannot take; ``str()`` says why in plain words, ``advice`` what to do when the
    image was just chosen ("Save it as PNG or JPEG and choose it again."). ``beyond_limits``: it is a real
    image, only too large (the file loader reports that apart from damage)."""

    def __init__(self, message: str, advice: str = "", *, beyond_limits: bool = False) -> None:
        super().__init__(message)
        self.advice = advice
        self.beyond_limits = beyond_limits


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """What an image's header says: its kind, its size in pixels and its resolution (dots per inch
    across and down; None when the file does not say, or says something impossible)."""

    media_type: ImageType
    width: int
    height: int
    dpi: tuple[float, float] | None = None

    @property
    def kind(self) -> str:
        """ "PNG" or "JPEG"."""
        return KIND_NAMES[self.media_type]


def sniff(data: bytes) -> ImageType | None:
    """The kind of image the bytes begin as (their signature), or None for anything else."""
    if data.startswith(PNG_SIGNATURE):
        return "image/png"
    if data.startswith(JPEG_SIGNATURE):
        return "image/jpeg"
    return None


def read_image(data: bytes, media_type: str | None = None) -> ImageInfo:
    """Check ``data`` is a whole PNG or JPEG header (of ``media_type`` when given) within the caps and
    return what it says. Raises :class:`ImageError`."""
    check_size(len(data))
    kind = sniff(data)
    if kind is None:
        raise ImageError(_not_an_image(data), "Save it as a PNG or JPEG image and choose it again.")
    if media_type is not None and media_type != kind:
        stated = KIND_NAMES.get(media_type, media_type)
        raise ImageError(
            f"The image is stored as a {stated} image but its data is a {KIND_NAMES[kind]} image."
        )
    width, height, dpi = _read_png(data) if kind == "image/png" else _read_jpeg(data)
    if width <= 0 or height <= 0:
        raise ImageError(
            f"The {KIND_NAMES[kind]} image has no size (its header says {width:,} × {height:,} pixels).",
            "Save it again from the program that made it and choose it again.",
        )
    if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
        raise ImageError(
            f"The image is {width:,} × {height:,} pixels ({_millions(width * height)}); a figure's image "
            f"can have at most {_millions(MAX_IMAGE_PIXELS)} pixels and {MAX_IMAGE_SIDE:,} on a side.",
            "Make it smaller (a report page shows about 2,000 pixels across at most) and choose it again.",
            beyond_limits=True,
        )
    return ImageInfo(kind, width, height, _sensible(dpi))


def check_size(size: int) -> None:
    """Raise :class:`ImageError` when an image of ``size`` bytes is beyond :data:`~.limits.MAX_IMAGE_BYTES`
    (a window asks before it reads a file chosen as an image)."""
    if size > MAX_IMAGE_BYTES:
        raise ImageError(
            f"The image is {megabytes(size)}; a figure's image can be at most {megabytes(MAX_IMAGE_BYTES)}.",
            "Save it smaller (a photograph as a JPEG, or at a lower resolution) and choose it again.",
            beyond_limits=True,
        )


def check_image(image: FigureImage) -> ImageInfo:
    """:func:`read_image` of a figure's image, which must be of the kind it says it is."""
    return read_image(image.data, image.media_type)


def figure_image(data: bytes) -> FigureImage:
    """A figure's image from the bytes of a PNG or JPEG file (the kind read from the bytes, not from a
    file name), checked. Raises :class:`ImageError`."""
    info = read_image(data)
    return FigureImage(media_type=info.media_type, data=data)


def figures(root: BaseModel) -> Iterator[Figure]:
    """Every figure inside ``root`` (an inspection: its questions, pillars, introduction…); the evidence,
    which holds no blocks, is not walked."""
    for name in type(root).model_fields:
        if name == "evidence":
            continue
        value = getattr(root, name)
        children = value if isinstance(value, list) else [value]
        for child in children:
            if not isinstance(child, Record):
                continue
            for record in (child, *iter_records(child)):
                if isinstance(record, Figure):
                    yield record


def images_bytes(root: BaseModel, *, leaving_out: uuid.UUID | None = None) -> int:
    """Bytes of the images of every figure in ``root`` (but the figure ``leaving_out``)."""
    return sum(
        len(figure.image.data)
        for figure in figures(root)
        if figure.image is not None and figure.id != leaving_out
    )


def check_room(root: BaseModel, image: FigureImage, figure_id: uuid.UUID | None = None) -> None:
    """Raise :class:`ImageError` unless ``image``, set on the figure ``figure_id`` (replacing its image),
    keeps all the images of ``root`` within :data:`~.limits.MAX_IMAGES_BYTES`."""
    check_total(images_bytes(root, leaving_out=figure_id) + len(image.data), adding=True)


def check_total(total: int, *, adding: bool = False) -> None:
    """Raise :class:`ImageError` when ``total`` bytes of images pass :data:`~.limits.MAX_IMAGES_BYTES`
    (``adding``: the total counts an image being added)."""
    if total <= MAX_IMAGES_BYTES:
        return
    take = "With this image, the figures' images would take" if adding else "The figures' images take"
    raise ImageError(
        f"{take} {megabytes(total)} together; an inspection can hold at most {megabytes(MAX_IMAGES_BYTES)} "
        "of images.",
        "Use a smaller image (a photograph as a JPEG), or make the other figures' images smaller.",
        beyond_limits=True,
    )


def megabytes(size: int) -> str:
    """ "12.3 MB", "10 MB", "85 KB", "3.5 GB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    unit, value = ("MB", size / 1024**2) if size < 1024**3 else ("GB", size / 1024**3)
    return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"


def _millions(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.0f} million" if pixels >= 1_000_000 else f"{pixels:,}"


def _sensible(dpi: tuple[float, float] | None) -> tuple[float, float] | None:
    low, high = _DPI_RANGE
    if dpi is None or not all(low <= value <= high for value in dpi):
        return None
    return dpi


def _not_an_image(data: bytes) -> str:
    if not data:
        return "The file is empty: it holds no image."
    head = data[:64]
    for signature, name in _OTHER_KINDS:
        if head.startswith(signature):
            return f"This is {name}; a figure takes PNG and JPEG images."
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "This is a WebP image; a figure takes PNG and JPEG images."
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"avif"):
        return "This is a HEIC or AVIF image (as phones take); a figure takes PNG and JPEG images."
    if b"<svg" in data[:1024].lower():
        return "This is an SVG drawing; a figure takes PNG and JPEG images."
    return "This is not a PNG or JPEG image."


# -- PNG ----------------------------------------------------------------------------------------------


def _read_png(data: bytes) -> tuple[int, int, tuple[float, float] | None]:
    """Width, height and resolution from a PNG's chunks, which must run whole from IHDR to IEND with
    picture data (IDAT) between them. Only the chunk headers are read, never the compressed picture."""
    damaged = "The PNG image is damaged"
    position = len(PNG_SIGNATURE)
    end = len(data)
    width = height = 0
    dpi: tuple[float, float] | None = None
    seen_data = False
    first = True
    while True:
        if position + 12 > end:
            raise ImageError(
                "The PNG image is incomplete: it ends part-way through.",
                "Save it again from the program that made it and choose it again.",
            )
        length, kind = struct.unpack_from(">I4s", data, position)
        body = position + 8
        if length > end - body - 4:
            raise ImageError(
                "The PNG image is incomplete: it ends part-way through.",
                "Save it again from the program that made it and choose it again.",
            )
        if first:
            if kind != b"IHDR" or length != 13:
                raise ImageError(f"{damaged}: it does not begin with its header (IHDR).")
            (crc,) = struct.unpack_from(">I", data, body + length)
            if zlib.crc32(data[position + 4 : body + length]) != crc:
                raise ImageError(f"{damaged}: its header fails its checksum.")
            width, height, depth, colour = struct.unpack_from(">IIBB", data, body)
            if depth not in _PNG_DEPTHS.get(colour, set()):
                raise ImageError(f"{damaged}: its header gives an impossible colour type or bit depth.")
            first = False
        elif kind == b"pHYs" and length == 9:
            across, down, unit = struct.unpack_from(">IIB", data, body)
            if unit == 1:  # per metre
                dpi = (across * 0.0254, down * 0.0254)
        elif kind == b"IDAT":
            seen_data = True
        elif kind == b"IEND":
            break
        position = body + length + 4
    if not seen_data:
        raise ImageError(f"{damaged}: it holds no picture data.")
    return width, height, dpi


# -- JPEG ---------------------------------------------------------------------------------------------


def _read_jpeg(data: bytes) -> tuple[int, int, tuple[float, float] | None]:
    """Width, height and resolution from a JPEG's segments up to its frame header (SOFn); the scans
    that follow (the picture) are not read."""
    damaged = "The JPEG image is damaged"
    incomplete = ImageError(
        "The JPEG image is incomplete: it ends before its size is given.",
        "Save it again from the program that made it and choose it again.",
    )
    position = 2
    end = len(data)
    dpi: tuple[float, float] | None = None
    while True:
        if position >= end:
            raise incomplete
        if data[position] != 0xFF:
            raise ImageError(f"{damaged}: its segments do not follow one another.")
        while position < end and data[position] == 0xFF:  # fill bytes
            position += 1
        if position >= end:
            raise incomplete
        marker = data[position]
        position += 1
        if marker in _STANDALONE:
            continue
        if marker == 0xD9:  # the end, before any size
            raise incomplete
        if marker in (0xD8, 0xDA):  # a second start, or the picture before any size
            raise ImageError(f"{damaged}: its size is not given before its picture data.")
        if position + 2 > end:
            raise incomplete
        (length,) = struct.unpack_from(">H", data, position)
        if length < 2:
            raise ImageError(f"{damaged}: a segment has an impossible length.")
        if position + length > end:
            raise incomplete
        if marker in _SOF_MARKERS:
            if length < 8:
                raise ImageError(f"{damaged}: its frame header is too short.")
            height, width = struct.unpack_from(">HH", data, position + 3)
            return width, height, dpi
        if marker == 0xE0 and length >= 16 and data[position + 2 : position + 7] == b"JFIF\x00":
            unit, across, down = struct.unpack_from(">BHH", data, position + 9)
            if unit == 1:
                dpi = (float(across), float(down))
            elif unit == 2:  # per centimetre
                dpi = (across * 2.54, down * 2.54)
        position += length
