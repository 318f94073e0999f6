"""A figure's image in the window: its block editor chooses (through the Interaction seam), shows, removes
and undoes it, and says plainly why a file will not do; the live preview names the picture by its alt text
(nothing decoded), and a figure without one shows the report's placeholder."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from support.documents import CRIME_SAMPLE, main_window
from support.images import jpeg_bytes, padded_jpeg, png_bytes, png_claiming

from inspector_app import bundled
from inspector_app.domain import editing, images
from inspector_app.domain.blocks import Figure
from inspector_app.domain.images import PLACEHOLDER, figure_image
from inspector_app.domain.inspection import new_inspection
from inspector_app.export import outline as nodes
from inspector_app.export.layouts import build_outline
from inspector_app.gui import commands
from inspector_app.gui.figure_editor import FigureImageEditor
from inspector_app.gui.preview import outline_html, question_labels


def preview_of(inspection) -> str:
    outline = build_outline(inspection)
    return outline_html(outline, nodes.word_counts(outline), question_labels(inspection))


def test_the_preview_names_a_picture_by_its_alt_text_and_shows_the_placeholder_without_one():
    inspection = new_inspection(bundled.load_framework("crime-inspection-2014"), "Kent Police")
    figure = Figure(caption="Recorded crime", alt_text="Bars <falling> & rising")
    editing.insert_record(inspection, inspection.id, "introduction", 0, figure)
    page = preview_of(inspection)
    assert PLACEHOLDER in page and "[image:" not in page
    editing.set_figure_image(inspection, figure.id, figure_image(png_bytes(4, 4)))
    page = preview_of(inspection)
    assert "[image: Bars &lt;falling&gt; &amp; rising]" in page
    assert PLACEHOLDER not in page


# -- the figure's block editor ------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, tmp_path):
    return main_window(qtbot, tmp_path, CRIME_SAMPLE)


def figure_editor(window, qtbot) -> tuple[FigureImageEditor, Figure]:
    """The image editor of the crime sample's one figure (question 1, "Crime"), on screen."""
    workspace = window.workspace
    workspace.show_question("reducing-crime")
    page = workspace.question_page("reducing-crime")
    [editor] = page.findChildren(FigureImageEditor)
    page.scroll_area.ensureWidgetVisible(editor)
    qtbot.waitUntil(editor.isVisible)
    figure = window.document.record(editor.figure_id)
    assert isinstance(figure, Figure) and figure.image is None
    return editor, figure


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_figure_row_offers_choose_remove_a_thumbnail_and_an_alt_text_field(window, qtbot):
    editor, figure = figure_editor(window, qtbot)
    assert editor.choose_button.text() == "Choose image…" and editor.choose_button.isEnabled()
    assert editor.remove_button.text() == "Remove image" and not editor.remove_button.isEnabled()
    assert PLACEHOLDER in editor.thumbnail.text()
    row = editor.parentWidget()
    alt = next(w for w in row.findChildren(QLineEdit) if w.placeholderText().startswith("Alternative text"))
    alt.setFocus()
    qtbot.keyClicks(alt, "A line chart")
    assert figure.alt_text == "A line chart"
    window.document.undo_stack.undo()
    assert figure.alt_text == "" and alt.text() == ""


def test_choosing_an_image_sets_it_in_one_undo_step_with_a_thumbnail(window, qtbot, tmp_path):
    editor, figure = figure_editor(window, qtbot)
    chart = tmp_path / "chart.png"
    chart.write_bytes(png_bytes(300, 200, dpi=150))
    window.interaction.expect(chart)
    stack = window.document.undo_stack
    before = stack.count()
    click(qtbot, editor.choose_button)
    assert window.interaction.messages("open_path") == [("Choose the figure's image",)]
    assert figure.image is not None and figure.image.media_type == "image/png"
    assert figure.image.data == chart.read_bytes()
    assert stack.count() == before + 1 and stack.undoText() == "Set image"
    pixmap = editor.thumbnail.pixmap()
    assert not pixmap.isNull() and pixmap.width() <= 160 and pixmap.height() <= 110
    assert editor.thumbnail.toolTip() == "PNG image, 300 × 200 pixels"
    assert editor.remove_button.isEnabled()

    stack.undo()  # Ctrl+Z takes it off again
    assert figure.image is None and editor.thumbnail.pixmap().isNull()
    assert PLACEHOLDER in editor.thumbnail.text() and not editor.remove_button.isEnabled()
    stack.redo()
    assert figure.image is not None and not editor.thumbnail.pixmap().isNull()


def test_a_jpeg_replaces_the_image_and_remove_takes_it_off_undoably(window, qtbot, tmp_path):
    editor, figure = figure_editor(window, qtbot)
    png, jpeg = tmp_path / "a.png", tmp_path / "photo.jpg"
    png.write_bytes(png_bytes(20, 10))
    jpeg.write_bytes(jpeg_bytes())
    window.interaction.expect(png, jpeg)
    click(qtbot, editor.choose_button)
    click(qtbot, editor.choose_button)
    assert figure.image is not None and figure.image.media_type == "image/jpeg"
    assert editor.thumbnail.toolTip() == "JPEG image, 6 × 4 pixels"
    click(qtbot, editor.remove_button)
    assert figure.image is None
    stack = window.document.undo_stack
    assert stack.undoText() == "Remove image"
    stack.undo()
    assert figure.image is not None and figure.image.media_type == "image/jpeg"
    stack.undo()
    assert figure.image is not None and figure.image.media_type == "image/png"
    assert window.interaction.messages("error") == []


def test_cancelling_the_dialog_changes_nothing(window, qtbot):
    editor, figure = figure_editor(window, qtbot)
    count = window.document.undo_stack.count()
    window.interaction.expect(None)
    click(qtbot, editor.choose_button)
    assert figure.image is None and window.document.undo_stack.count() == count
    assert window.interaction.messages("error") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"GIF89a" + b"\x00" * 40, "This is a GIF image; a figure takes PNG and JPEG images."),
        (png_claiming(90_000, 90_000), "at most 40 million pixels"),
        (b"", "The file is empty"),
    ],
    ids=["gif", "bomb", "empty"],
)
def test_a_file_that_is_not_a_usable_image_is_refused_in_a_plain_message(
    window, qtbot, tmp_path, content, message
):
    editor, figure = figure_editor(window, qtbot)
    path = tmp_path / "picture.png"
    path.write_bytes(content)
    count = window.document.undo_stack.count()
    window.interaction.expect(path)
    click(qtbot, editor.choose_button)
    [(title, text, _details)] = window.interaction.messages("error")
    assert title == "Cannot use this image"
    assert text.startswith("“picture.png” cannot be the figure's image. ") and message in text
    assert figure.image is None and window.document.undo_stack.count() == count


def test_a_file_too_large_is_refused_before_it_is_read(window, qtbot, tmp_path, monkeypatch):
    editor, _figure = figure_editor(window, qtbot)
    path = tmp_path / "huge.jpg"
    path.write_bytes(padded_jpeg(20_000))
    monkeypatch.setattr(images, "MAX_IMAGE_BYTES", 10_000)
    read = []
    monkeypatch.setattr(type(path), "read_bytes", lambda self: read.append(self) or b"")
    window.interaction.expect(path)
    click(qtbot, editor.choose_button)
    [(_title, text, _details)] = window.interaction.messages("error")
    assert "The image is 20 KB; a figure's image can be at most 10 KB." in text and "Save it smaller" in text
    assert read == []


def test_images_beyond_the_inspections_total_are_refused(window, qtbot, tmp_path, monkeypatch):
    editor, figure = figure_editor(window, qtbot)
    monkeypatch.setattr(images, "MAX_IMAGES_BYTES", 5_000)
    path = tmp_path / "photo.jpg"
    path.write_bytes(padded_jpeg(6_000))
    window.interaction.expect(path)
    click(qtbot, editor.choose_button)
    [(_title, text, _details)] = window.interaction.messages("error")
    assert "an inspection can hold at most 5 KB of images" in text
    assert figure.image is None


def test_an_unreadable_file_is_said_plainly(window, qtbot, tmp_path):
    editor, figure = figure_editor(window, qtbot)
    window.interaction.expect(tmp_path / "gone.png")
    click(qtbot, editor.choose_button)
    [(_title, text, _details)] = window.interaction.messages("error")
    assert text.startswith("“gone.png” cannot be the figure's image. It cannot be read: ")
    assert "Traceback" not in text and figure.image is None


def test_a_figure_in_the_introduction_is_edited_on_the_overview_page(window, qtbot, tmp_path):
    document = window.document
    figure = Figure(caption="The inspection programme")
    document.push(commands.InsertRecord(document, document.inspection.id, "introduction", 0, figure))
    workspace = window.workspace
    workspace.show_overview()
    body = workspace.overview.widget()
    qtbot.waitUntil(lambda: any(e.figure_id == figure.id for e in body.findChildren(FigureImageEditor)))
    [editor] = [e for e in body.findChildren(FigureImageEditor) if e.figure_id == figure.id]
    workspace.overview.ensureWidgetVisible(editor)
    path = tmp_path / "timeline.jpg"
    path.write_bytes(jpeg_bytes())
    window.interaction.expect(path)
    click(qtbot, editor.choose_button)
    assert document.record(figure.id).image is not None
    document.undo_stack.undo()
    assert document.record(figure.id).image is None
