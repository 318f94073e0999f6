"""Review in the window: the comments on a question's findings beside them, and who is commenting.

Each step (comment, resolve, reopen, delete) is one undoable command calling :mod:`..domain.review`.
Comments carry the user's name, asked once and kept in the settings; the window's way of asking (its
:class:`~.interaction.Interaction`) and its settings are found up the widget tree, as the figure editor
finds them, so tests answer without a dialog.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain import review
from ..domain.changes import Change
from ..domain.inspection import ReviewComment
from ..domain.record_index import iter_records
from ..domain.text import long_date
from .commands import EditCommand
from .document import InspectionDocument
from .interaction import DialogInteraction, Interaction
from .settings import AppSettings

COMMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def window_services(widget: QWidget) -> tuple[Interaction, AppSettings | None]:
    """The window's interaction and settings, found up the widget tree (the standard dialogs and no
    settings when the widget is shown on its own)."""
    current: QWidget | None = widget
    while current is not None:
        interaction = getattr(current, "interaction", None)
        settings = getattr(current, "settings", None)
        if isinstance(interaction, Interaction) and isinstance(settings, AppSettings):
            return interaction, settings
        current = current.parentWidget()
    return DialogInteraction(), None


def your_name(widget: QWidget, title: str) -> str | None:
    """The user's name for a comment or a sign-off: the one kept in the settings, or asked (and kept)."""
    interaction, settings = window_services(widget)
    known = settings.your_name() if settings is not None else ""
    if known:
        return known
    typed = interaction.ask_text(widget, title, widget.tr("Your name, as comments and sign-off show it:"), "")
    if typed is None or not typed.strip():
        return None
    if settings is not None:
        settings.set_your_name(typed)
    return typed.strip()


class CommentsPanel(QWidget):
    """The reviewers' comments on this question's findings, oldest first; resolved ones greyed."""

    def __init__(
        self,
        document: InspectionDocument,
        question_id: str,
        current_finding: Callable[[], uuid.UUID | None],
        describe: Callable[[uuid.UUID], str | None],
        parent: QWidget | None = None,
    ) -> None:
        """``current_finding``: the finding being edited; ``describe``: a finding's name on the page
        ("Cause of concern 1"), None when it is gone."""
        super().__init__(parent)
        self.document, self.question_id, self._current_finding = document, question_id, current_finding
        self._describe = describe
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(QLabel(f"<b>{self.tr('Review comments')}</b>", self))
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Review comments"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.list.itemActivated.connect(self._go_to)
        self.list.currentItemChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Co&mment…"), self)
        self.add_button.setToolTip(
            self.tr("Comment on the finding being edited (never printed in the report)")
        )
        self.add_button.clicked.connect(self.add)
        self.resolve_button = QPushButton(self.tr("Resolve"), self)
        self.resolve_button.clicked.connect(self.toggle_resolved)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.clicked.connect(self.delete)
        for button in (self.add_button, self.resolve_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        document.changed.connect(self._on_change)
        self.refresh()

    # -- what is shown ----------------------------------------------------------------------------

    def comments(self) -> list[ReviewComment]:
        assessment = self.document.inspection.question(self.question_id)
        ids = {assessment.id} | {record.id for record in iter_records(assessment)}
        return review.comments_on(self.document.inspection, ids)

    def refresh(self) -> None:
        selected = self.selected()
        self.list.clear()
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for comment in self.comments():
            when = long_date(comment.created.date()) if comment.created else ""
            on = self._describe(comment.target_id) or self.tr("deleted text")
            heading = " · ".join(part for part in (comment.author, when) if part)
            text = f"{heading} — {self.tr('on %1').replace('%1', on)}\n{comment.text}"
            if comment.resolved:
                text += "\n" + self.tr("Resolved by %1").replace("%1", comment.resolved_by or "—")
            item = QListWidgetItem(text)
            item.setData(COMMENT_ID_ROLE, comment.id)
            if comment.resolved:
                item.setForeground(muted)
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
            if selected is not None and comment.id == selected.id:
                self.list.setCurrentItem(item)
        self._enable()

    def selected(self) -> ReviewComment | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(COMMENT_ID_ROLE)
        return next((c for c in self.document.inspection.comments if c.id == wanted), None)

    def set_target_enabled(self, enabled: bool) -> None:
        """The page says whether a finding is being edited (a comment is on one)."""
        self.add_button.setEnabled(enabled)

    def _enable(self) -> None:
        comment = self.selected()
        self.resolve_button.setEnabled(comment is not None)
        self.delete_button.setEnabled(comment is not None)
        self.resolve_button.setText(
            self.tr("Reopen") if comment is not None and comment.resolved else self.tr("Resolve")
        )

    def _on_change(self, change: Change) -> None:
        inspection = self.document.inspection
        if change.field == "comments" or (
            change.field in ("resolved", "resolved_by", "text")
            and any(c.id == change.record_id for c in inspection.comments)
        ):
            self.refresh()

    # -- steps ------------------------------------------------------------------------------------

    def add(self) -> None:
        target = self._current_finding()
        if target is None:
            return
        name = your_name(self, self.tr("Comment"))
        if name is None:
            return
        interaction, _ = window_services(self)
        text = interaction.ask_text(self, self.tr("Comment"), self.tr("Your comment on this finding:"), "")
        if text is None or not text.strip():
            return
        self.document.push(
            EditCommand(
                self.document,
                self.tr("Add comment"),
                lambda inspection: review.add_comment(inspection, target, name, text.strip()),
            )
        )
        self.list.setCurrentRow(self.list.count() - 1)

    def toggle_resolved(self) -> None:
        comment = self.selected()
        if comment is None:
            return
        resolving = not comment.resolved
        name = your_name(self, self.tr("Resolve comment")) if resolving else ""
        if name is None:
            return
        comment_id = comment.id
        self.document.push(
            EditCommand(
                self.document,
                self.tr("Resolve comment") if resolving else self.tr("Reopen comment"),
                lambda inspection: review.set_resolved(inspection, comment_id, resolving, name),
            )
        )

    def delete(self) -> None:
        comment = self.selected()
        if comment is None:
            return
        comment_id = comment.id
        self.document.push(
            EditCommand(
                self.document,
                self.tr("Delete comment"),
                lambda inspection: review.delete_comment(inspection, comment_id),
            )
        )

    def _go_to(self, item: QListWidgetItem) -> None:
        comment = self.selected()
        if comment is not None and self.document.record(comment.target_id) is not None:  # not deleted
            self.document.revealRequested.emit(comment.target_id, "text", 0)
