"""A figure's image in its block editor: a small thumbnail, "Choose image…" and "Remove image".

The file is chosen through the app's :class:`~.interaction.Interaction` (tests never meet a dialog) and
checked as the domain checks it (:func:`~..domain.editing.check_figure_image`: a whole PNG or JPEG within
the caps) before anything changes; what is wrong is said in a plain message. The change itself is one
undo command (:func:`.commands.SetFigureImage`), so Ctrl+Z takes the image back off, or puts it back. The
thumbnail is decoded at its small size only, and drawn again when an undo or redo changes the image.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.blocks import Figure, Record
from ..domain.changes import Change
from ..domain.editing import EditError, check_figure_image
from ..domain.images import PLACEHOLDER, ImageError, check_image, check_size, figure_image
from . import commands
from .document import InspectionDocument
from .interaction import DialogInteraction, Interaction

#: The thumbnail's largest size on screen, in pixels.
THUMBNAIL = QSize(160, 110)
IMAGE_FILTERS = "Images (*.png *.jpg *.jpeg);;All files (*)"


class FigureImageEditor(QWidget):
    """The image of one figure: thumbnail, Choose image…, Remove image."""

    def __init__(self, document: InspectionDocument, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.figure_id = document, figure.id
        self._interaction: Interaction | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.thumbnail = QLabel(self)
        self.thumbnail.setObjectName("figureThumbnail")
        self.thumbnail.setMinimumSize(THUMBNAIL)
        self.thumbnail.setMaximumSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setWordWrap(True)
        self.thumbnail.setFrameShape(QLabel.Shape.StyledPanel)
        layout.addWidget(self.thumbnail)
        buttons = QVBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose image…"), self)
        self.choose_button.setToolTip(self.tr("Choose the figure's picture: a PNG or JPEG file"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = QPushButton(self.tr("Remove image"), self)
        self.remove_button.setToolTip(self.tr("Take the picture off the figure (Ctrl+Z puts it back)"))
        self.remove_button.clicked.connect(self.remove)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setAccessibleName(self.tr("Figure image"))
        document.routes.watch_record(figure.id, self._on_change)
        self.refresh()

    def figure(self) -> Figure | None:
        record = self.document.record(self.figure_id)
        return record if isinstance(record, Figure) else None

    def interaction(self) -> Interaction:
        """The window's way of asking (found up the widget tree; the standard dialogs when none is)."""
        if self._interaction is None:
            widget = self.parentWidget()
            while widget is not None:
                found = getattr(widget, "interaction", None)
                if isinstance(found, Interaction):
                    self._interaction = found
                    break
                widget = widget.parentWidget()
            else:
                self._interaction = DialogInteraction()
        return self._interaction

    # -- actions ------------------------------------------------------------------------------------

    def choose(self) -> None:
        """Ask for a PNG or JPEG file and give it to the figure (one undo step), or say why not."""
        folder = self.document.path.parent if self.document.path is not None else Path.home()
        interaction = self.interaction()
        path = interaction.open_path(self, self.tr("Choose the figure's image"), folder, IMAGE_FILTERS)
        if path is None:
            return
        try:
            check_size(path.stat().st_size)
            image = figure_image(path.read_bytes())
            check_figure_image(self.document.inspection, self.figure_id, image)
        except ImageError as error:
            self._refuse(path, f"{error} {error.advice}".strip())
            return
        except EditError as error:
            self._refuse(path, str(error))
            return
        except OSError as error:
            reason = (error.strerror or str(error)).lower() if error.errno else str(error)
            self._refuse(path, self.tr("It cannot be read: %1.").replace("%1", reason))
            return
        self.document.push(commands.SetFigureImage(self.document, self.figure_id, image))

    def remove(self) -> None:
        figure = self.figure()
        if figure is not None and figure.image is not None:
            self.document.push(commands.SetFigureImage(self.document, self.figure_id, None))

    def _refuse(self, path: Path, reason: str) -> None:
        self.interaction().error(
            self,
            self.tr("Cannot use this image"),
            self.tr("“%1” cannot be the figure's image. %2").replace("%1", path.name).replace("%2", reason),
        )

    # -- showing ------------------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.field == "image":
            self.refresh()

    def refresh(self) -> None:
        figure = self.figure()
        image = figure.image if figure is not None else None
        self.remove_button.setEnabled(image is not None)
        self.thumbnail.setPixmap(QPixmap())
        if image is None:
            self.thumbnail.setText(self.tr("No image yet: the report prints “%1”").replace("%1", PLACEHOLDER))
            self.thumbnail.setToolTip("")
            return
        kind = "PNG" if image.media_type == "image/png" else "JPEG"
        try:
            info = check_image(image)
        except ImageError:  # the model holds only checked images; shown plainly all the same
            self.thumbnail.setText(self.tr("%1 image").replace("%1", kind))
            return
        pixmap = _thumbnail(image.data, info.width, info.height)
        if pixmap is None:
            self.thumbnail.setText(self.tr("%1 image").replace("%1", kind))
        else:
            self.thumbnail.setText("")
            self.thumbnail.setPixmap(pixmap)
        self.thumbnail.setToolTip(
            self.tr("%1 image, %2 × %3 pixels")
            .replace("%1", kind)
            .replace("%2", f"{info.width:,}")
            .replace("%3", f"{info.height:,}")
        )


def _thumbnail(data: bytes, width: int, height: int) -> QPixmap | None:
    """The image decoded at thumbnail size (a JPEG decodes straight to it), or None if Qt cannot."""
    scale = min(1.0, THUMBNAIL.width() / max(1, width), THUMBNAIL.height() / max(1, height))
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setScaledSize(QSize(max(1, round(width * scale)), max(1, round(height * scale))))
    image = reader.read()
    buffer.close()
    return None if image.isNull() else QPixmap.fromImage(image)


def figure_image_editor(document: InspectionDocument, figure: Record) -> QWidget:
    """The block editor's image field of a figure (``FieldSpec(kind="custom")``)."""
    assert isinstance(figure, Figure)
    return FigureImageEditor(document, figure)
