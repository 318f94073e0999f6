"""A figure's image (domain/images.py): real PNG and JPEG headers are read for size and resolution, anything
else is refused in plain words, the caps hold, and editing and loading apply the same checks."""

from __future__ import annotations

import base64
import json
import random
import struct
import zlib

import pytest
from support.images import (
    JPEG_SIZE,
    chunk,
    jpeg_bytes,
    jpeg_claiming,
    padded_jpeg,
    png_bytes,
    png_claiming,
)

from inspector_app import bundled
from inspector_app.domain import editing, images
from inspector_app.domain.blocks import Figure, FigureImage, Paragraph
from inspector_app.domain.changes import ChangeKind
from inspector_app.domain.editing import EditError
from inspector_app.domain.images import ImageError, check_image, figure_image, read_image
from inspector_app.domain.inspection import NarrativeSection, new_inspection
from inspector_app.domain.limits import MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, save_inspection


@pytest.fixture
def inspection():
    return new_inspection(bundled.load_framework("peel-2016-effectiveness"), "Hertfordshire Constabulary")


def add_figure(inspection, **fields) -> Figure:
    figure = Figure(caption="Figure 1: Recorded crime", **fields)
    editing.insert_record(inspection, inspection.id, "introduction", 0, figure)
    return editing.find_record(inspection, figure.id)


# -- reading headers ----------------------------------------------------------------------------------


def test_a_png_gives_its_size_and_resolution():
    info = read_image(png_bytes(30, 20, dpi=300))
    assert (info.media_type, info.kind, info.width, info.height) == ("image/png", "PNG", 30, 20)
    assert info.dpi == pytest.approx((300, 300), abs=0.01)


def test_a_png_without_a_resolution_says_none():
    assert read_image(png_bytes(3, 2)).dpi is None


def test_a_jpeg_gives_its_size_and_resolution():
    info = read_image(jpeg_bytes(), "image/jpeg")
    assert (info.kind, (info.width, info.height), info.dpi) == ("JPEG", JPEG_SIZE, (150.0, 150.0))


def test_a_jpeg_with_comments_before_its_frame_is_read_through_them():
    info = read_image(padded_jpeg(200_000))
    assert (info.width, info.height) == JPEG_SIZE


def test_an_impossible_resolution_is_taken_for_none():
    phys = chunk(b"pHYs", struct.pack(">IIB", 1, 1, 1))  # 0.03 dpi
    good = png_bytes(4, 4)
    data = good[:33] + phys + good[33:]
    assert read_image(data).dpi is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"GIF89a\x01\x00\x01\x00" + b"\x00" * 20,
            "This is a GIF image; a figure takes PNG and JPEG images.",
        ),
        (b"%PDF-1.7\n" + b"\x00" * 20, "This is a PDF document; a figure takes PNG and JPEG images."),
        (b"BM" + b"\x00" * 40, "This is a BMP image"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "This is a WebP image"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "This is an SVG drawing"),
        (b"just some words, not a picture", "This is not a PNG or JPEG image."),
        (b"", "The file is empty: it holds no image."),
    ],
)
def test_other_files_are_refused_in_plain_words(data, message):
    with pytest.raises(ImageError) as caught:
        read_image(data)
    assert str(caught.value).startswith(message)
    assert caught.value.advice == "Save it as a PNG or JPEG image and choose it again."
    assert not caught.value.beyond_limits


def test_the_kind_comes_from_the_bytes_and_must_match_the_stated_one():
    assert figure_image(jpeg_bytes()).media_type == "image/jpeg"
    assert figure_image(png_bytes(2, 2)).media_type == "image/png"
    with pytest.raises(ImageError, match="stored as a JPEG image but its data is a PNG image"):
        check_image(FigureImage(media_type="image/jpeg", data=png_bytes(2, 2)))
    with pytest.raises(ImageError, match="stored as a PNG image but its data is a JPEG image"):
        read_image(jpeg_bytes(), "image/png")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (png_bytes(4, 4)[:40], "The PNG image is incomplete"),
        (jpeg_bytes()[:20], "The JPEG image is incomplete"),
        (b"\x89PNG\r\n\x1a\n" + chunk(b"IDAT", b"x") + chunk(b"IEND", b""), "does not begin with its header"),
        (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IEND", b""),
            "holds no picture data",
        ),
        (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 3, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00"))
            + chunk(b"IEND", b""),
            "impossible colour type or bit depth",
        ),
        (png_claiming(0, 5), "has no size"),
        (jpeg_claiming(0, 4), "has no size"),
        (b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 20, "its size is not given before its picture data"),
    ],
)
def test_damaged_images_are_refused(data, message):
    with pytest.raises(ImageError, match=message) as caught:
        read_image(data)
    assert not caught.value.beyond_limits


def test_a_png_header_failing_its_checksum_is_damage():
    data = bytearray(png_bytes(4, 4))
    data[20] ^= 0x01  # inside IHDR's body
    with pytest.raises(ImageError, match="fails its checksum"):
        read_image(bytes(data))


# -- caps ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [png_claiming(100_000, 100_000), png_claiming(MAX_IMAGE_SIDE + 1, 1), jpeg_claiming(9_000, 9_000)],
    ids=["png-bomb", "png-strip", "jpeg-bomb"],
)
def test_a_decompression_bomb_header_is_refused_unread(data):
    assert len(data) < 1_000
    with pytest.raises(ImageError, match="a figure's image can have at most 40 million pixels") as caught:
        read_image(data)
    assert caught.value.beyond_limits


def test_the_pixel_cap_itself_is_taken():
    side = int(MAX_IMAGE_PIXELS**0.5)
    assert read_image(png_claiming(side, side)).width == side


def test_one_image_is_capped_in_bytes():
    assert read_image(padded_jpeg(MAX_IMAGE_BYTES)).width == JPEG_SIZE[0]
    with pytest.raises(
        ImageError, match=r"The image is 10\.0 MB; a figure's image can be at most 10 MB"
    ) as caught:
        read_image(padded_jpeg(MAX_IMAGE_BYTES + 1))
    assert caught.value.beyond_limits
    assert "Save it smaller" in caught.value.advice


def test_all_images_together_are_capped(inspection, monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGES_BYTES", 20_000)
    first = add_figure(inspection)
    editing.set_figure_image(inspection, first.id, figure_image(padded_jpeg(12_000)))
    second = add_figure(inspection)
    with pytest.raises(EditError, match="would take 22 KB together; an inspection can hold at most 20 KB"):
        editing.set_figure_image(inspection, second.id, figure_image(padded_jpeg(11_000)))
    assert second.image is None
    editing.set_figure_image(inspection, second.id, figure_image(padded_jpeg(8_000)))
    # Replacing an image counts the new one instead of the old.
    editing.set_figure_image(inspection, first.id, figure_image(padded_jpeg(12_000)))
    assert images.images_bytes(inspection) == 20_000


def test_megabytes_reads_plainly():
    assert images.megabytes(85 * 1024) == "85 KB"
    assert images.megabytes(10 * 1024 * 1024) == "10 MB"
    assert images.megabytes(12_900_000) == "12.3 MB"
    assert images.megabytes(1) == "1 KB"
    assert images.megabytes(2 * 1024**3) == "2 GB"


# -- editing ------------------------------------------------------------------------------------------


def test_set_figure_image_sets_replaces_removes_and_reverts(inspection):
    figure = add_figure(inspection)
    png = figure_image(png_bytes(8, 6))
    jpeg = figure_image(jpeg_bytes())

    change = editing.set_figure_image(inspection, figure.id, png)
    assert change is not None and change.kind is ChangeKind.SET
    assert (change.record_id, change.field, change.old) == (figure.id, "image", None)
    assert figure.image == png

    replaced = editing.set_figure_image(inspection, figure.id, jpeg)
    assert replaced is not None and replaced.old == png and figure.image == jpeg
    assert editing.set_figure_image(inspection, figure.id, jpeg) is None, "already so"

    removed = editing.set_figure_image(inspection, figure.id, None)
    assert removed is not None and removed.old == jpeg and figure.image is None
    assert editing.set_figure_image(inspection, figure.id, None) is None

    for undone, before in ((removed, jpeg), (replaced, png), (change, None)):
        editing.revert(inspection, undone)
        assert figure.image == before


def test_set_figure_image_refuses_a_bad_image_and_leaves_the_figure(inspection):
    figure = add_figure(inspection)
    editing.set_figure_image(inspection, figure.id, figure_image(png_bytes(2, 2)))
    before = figure.image
    for image, message in (
        (FigureImage(media_type="image/png", data=b"GIF89a" + b"\x00" * 10), "This is a GIF image"),
        (FigureImage(media_type="image/png", data=png_claiming(50_000, 50_000)), "at most 40 million pixels"),
        (FigureImage(media_type="image/jpeg", data=png_bytes(2, 2)), "stored as a JPEG image"),
    ):
        with pytest.raises(EditError, match=message):
            editing.set_figure_image(inspection, figure.id, image)
        assert figure.image == before


def test_check_figure_image_checks_without_changing_and_says_what_to_do(inspection, monkeypatch):
    figure = add_figure(inspection)
    good = figure_image(png_bytes(2, 2))
    assert editing.check_figure_image(inspection, figure.id, good) is figure
    assert editing.check_figure_image(inspection, figure.id, None) is figure
    assert figure.image is None, "only checked"
    with pytest.raises(EditError) as caught:
        editing.check_figure_image(
            inspection, figure.id, FigureImage(media_type="image/png", data=b"BM" + b"\0" * 9)
        )
    assert str(caught.value) == (
        "This is a BMP image; a figure takes PNG and JPEG images. Save it as a PNG or JPEG image and choose it again."
    )
    monkeypatch.setattr(images, "MAX_IMAGES_BYTES", 100)
    with pytest.raises(EditError, match=r"at most 1 KB of images\. Use a smaller image"):
        editing.check_figure_image(inspection, figure.id, figure_image(padded_jpeg(2_000)))


def test_check_size_refuses_a_file_before_it_is_read():
    images.check_size(MAX_IMAGE_BYTES)
    with pytest.raises(
        ImageError, match=r"^The image is 3\.5 GB; a figure's image can be at most 10 MB\.$"
    ) as caught:
        images.check_size(3 * 1024**3 + 512 * 1024**2)
    assert caught.value.beyond_limits and caught.value.advice.startswith("Save it smaller")


def test_only_a_figure_holds_an_image(inspection):
    paragraph = Paragraph(text="words")
    editing.insert_record(inspection, inspection.id, "introduction", 0, paragraph)
    with pytest.raises(EditError, match="a Paragraph holds no image"):
        editing.set_figure_image(inspection, paragraph.id, figure_image(png_bytes(2, 2)))


def test_the_image_is_not_a_plain_field_but_alt_text_is(inspection):
    figure = add_figure(inspection)
    with pytest.raises(EditError, match="dedicated operation"):
        editing.set_field(inspection, figure.id, "image", figure_image(png_bytes(2, 2)))
    change = editing.set_field(inspection, figure.id, "alt_text", "A bar chart of recorded crime")
    assert figure.alt_text == "A bar chart of recorded crime"
    editing.revert(inspection, change)
    assert figure.alt_text == ""


def test_inserting_a_figure_with_an_oversize_image_is_refused(inspection):
    bomb = Figure(
        caption="Pasted", image=FigureImage(media_type="image/png", data=png_claiming(90_000, 9_000))
    )
    with pytest.raises(EditError, match="at most 40 million pixels"):
        editing.insert_record(inspection, inspection.id, "introduction", 0, bomb)
    assert all(block.id != bomb.id for block in inspection.introduction)


def test_inserting_a_section_holding_a_bad_figure_is_refused(inspection):
    question = inspection.questions[0]
    damaged = Figure(image=FigureImage(media_type="image/jpeg", data=jpeg_bytes()[:30]))
    section = NarrativeSection(theme="Pasted", blocks=[Paragraph(text="x"), damaged])
    with pytest.raises(EditError, match="The JPEG image is incomplete"):
        editing.insert_record(inspection, question.id, "sections", 0, section)
    assert all(s.id != section.id for s in question.sections)


def test_inserting_figures_beyond_the_total_is_refused(inspection, monkeypatch):
    monkeypatch.setattr(images, "MAX_IMAGES_BYTES", 15_000)
    add_figure(inspection, image=figure_image(padded_jpeg(10_000)))
    with pytest.raises(EditError, match="an inspection can hold at most 15 KB"):
        add_figure(inspection, image=figure_image(padded_jpeg(6_000)))
    good = add_figure(inspection, image=figure_image(padded_jpeg(5_000)))
    assert good.image is not None


# -- loading ------------------------------------------------------------------------------------------


def _saved_with_image(inspection, tmp_path):
    figure = add_figure(inspection, alt_text="A bar chart")
    editing.set_figure_image(inspection, figure.id, figure_image(png_bytes(8, 6, dpi=96)))
    path = tmp_path / "figure.inspection"
    save_inspection(inspection, path, backups=0)
    return path


def _replace_image(path, data: bytes, media_type: str | None = None) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    [figure] = [block for block in document["inspection"]["introduction"] if block["kind"] == "figure"]
    figure["image"]["data"] = base64.b64encode(data).decode("ascii")
    if media_type is not None:
        figure["image"]["media_type"] = media_type
    path.write_text(json.dumps(document), encoding="utf-8")


def test_a_good_image_loads_back_the_same(inspection, tmp_path):
    path = _saved_with_image(inspection, tmp_path)
    [figure] = [block for block in load_inspection(path).introduction if isinstance(block, Figure)]
    assert figure.image is not None and figure.image.data == png_bytes(8, 6, dpi=96)
    assert figure.alt_text == "A bar chart"


@pytest.mark.parametrize(
    ("data", "media_type", "problem", "message"),
    [
        (b"GIF89a" + b"\x00" * 30, None, Problem.WRONG_SHAPE, "This is a GIF image"),
        (png_bytes(8, 6)[:30], None, Problem.WRONG_SHAPE, "The PNG image is incomplete"),
        (jpeg_bytes(), None, Problem.WRONG_SHAPE, "stored as a PNG image but its data is a JPEG image"),
        (png_claiming(60_000, 60_000), None, Problem.BEYOND_LIMITS, "at most 40 million pixels"),
    ],
    ids=["gif", "cut-short", "wrong-kind", "bomb"],
)
def test_a_file_holding_a_bad_image_is_refused_on_load(
    inspection, tmp_path, data, media_type, problem, message
):
    path = _saved_with_image(inspection, tmp_path)
    _replace_image(path, data, media_type)
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is problem
    text = str(caught.value)
    assert text.startswith(
        'Cannot open "figure.inspection": the figure “Figure 1: Recorded crime” holds an image'
    )
    assert "Inspector cannot use" in text and message in text
    assert "Traceback" not in text and "ValidationError" not in text


def test_a_file_whose_images_together_pass_the_cap_is_refused(inspection, tmp_path, monkeypatch):
    path = _saved_with_image(inspection, tmp_path)
    monkeypatch.setattr(images, "MAX_IMAGES_BYTES", 10)
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.BEYOND_LIMITS
    assert "The figures' images take" in str(caught.value)


def test_damaged_headers_only_ever_raise_image_error():
    """Bytes flipped, cut or inserted anywhere in a PNG or JPEG: a plain ImageError or a reading, never a
    crash (struct.error, IndexError) that would reach the inspector as a traceback."""
    rng = random.Random(14)
    seeds = [png_bytes(5, 3, dpi=72), jpeg_bytes()]
    for _ in range(3_000):
        data = bytearray(rng.choice(seeds))
        way = rng.random()
        if way < 0.4:
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif way < 0.7:
            del data[rng.randrange(len(data)) :]
        else:
            at = rng.randrange(len(data))
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
        try:
            info = read_image(bytes(data))
        except ImageError as error:
            said = str(error)
        else:
            said = "read."
            assert info.width > 0 and info.height > 0
        assert said.endswith(".")
