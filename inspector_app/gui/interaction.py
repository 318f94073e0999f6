"""The one seam through which the app asks the user anything (after git-cola's ``interaction.py``).

Widgets never open a QMessageBox or QFileDialog themselves; they call the ``Interaction`` they were given.
The GUI passes :class:`DialogInteraction`; tests pass :class:`ScriptedInteraction` with the answers a user
would give, and read back what was asked — so no test ever meets a modal dialog.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from ..domain.framework import Framework
from .new_inspection_dialog import NewInspectionDialog, NewInspectionRequest
from .team_dialogs import TeamMemberDialog, TeamMemberRequest

T = TypeVar("T")


class Answer(Enum):
    YES = "yes"
    NO = "no"
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Interaction:
    """What the app may ask; every method blocks until the user answers."""

    def confirm_discard(self, parent: QWidget | None, name: str) -> Answer:
        """Unsaved changes: SAVE, DISCARD or CANCEL."""
        raise NotImplementedError

    def confirm(self, parent: QWidget | None, title: str, text: str, *, default: bool = True) -> bool:
        """Yes or No; ``default`` is the answer Enter gives (False where Yes would be the risky one)."""
        raise NotImplementedError

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        raise NotImplementedError

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        raise NotImplementedError

    def open_path(self, parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
        raise NotImplementedError

    def save_path(self, parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
        raise NotImplementedError

    def folder_path(self, parent: QWidget | None, title: str, folder: Path) -> Path | None:
        """A folder the user chose, or None when cancelled."""
        raise NotImplementedError

    def choose(self, parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
        """Index of the choice taken, or None when cancelled."""
        raise NotImplementedError

    def pick(self, parent: QWidget | None, title: str, text: str, items: list[str]) -> int | None:
        """Index of the item picked from a list, or None when cancelled."""
        raise NotImplementedError

    def new_inspection(
        self, parent: QWidget | None, frameworks: list[Framework]
    ) -> NewInspectionRequest | None:
        """The details of a new inspection, or None when cancelled."""
        raise NotImplementedError

    def team_member(
        self, parent: QWidget | None, questions: list[tuple[str, str]], lead: str | None
    ) -> TeamMemberRequest | None:
        """A team member's copy: their name and questions ((id, label) offered); ``lead``: the lead's name
        to offer for a new team (None: the file is a team's already). None when cancelled."""
        raise NotImplementedError

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str) -> str | None:
        """One line of text the user typed (``text`` offered), or None when cancelled."""
        raise NotImplementedError


def _box(icon: QMessageBox.Icon, title: str, text: str, parent: QWidget | None) -> QMessageBox:
    """A message box that shows its text as plain text: a message quoting a file or lock someone else
    wrote must not be taken for markup (Qt guesses rich text from a leading tag)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


class DialogInteraction(Interaction):
    """The real thing: Qt's standard dialogs, application-modal to ``parent``; every text plain."""

    def confirm_discard(self, parent: QWidget | None, name: str) -> Answer:
        box = _box(QMessageBox.Icon.Warning, "", "", parent)
        box.setWindowTitle(box.tr("Unsaved changes"))
        box.setText(box.tr("Save the changes to “%1” before closing?").replace("%1", name))
        box.setInformativeText(box.tr("If you don't save, your changes since the last save will be lost."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return {
            QMessageBox.StandardButton.Save: Answer.SAVE,
            QMessageBox.StandardButton.Discard: Answer.DISCARD,
        }.get(QMessageBox.StandardButton(box.exec()), Answer.CANCEL)

    def confirm(self, parent: QWidget | None, title: str, text: str, *, default: bool = True) -> bool:
        box = _box(QMessageBox.Icon.Question, title, text, parent)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.Yes if default else QMessageBox.StandardButton.No)
        return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Yes

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        box = _box(QMessageBox.Icon.Information, title, text, parent)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.exec()

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        box = _box(QMessageBox.Icon.Critical, title, text, parent)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        if details:
            box.setDetailedText(details)
        box.exec()

    def open_path(self, parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
        return Path(name) if name else None

    def save_path(self, parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
        return Path(name) if name else None

    def folder_path(self, parent: QWidget | None, title: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(folder))
        return Path(name) if name else None

    def choose(self, parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
        box = _box(QMessageBox.Icon.Question, title, text, parent)
        buttons = [box.addButton(choice, QMessageBox.ButtonRole.AcceptRole) for choice in choices]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else None

    def pick(self, parent: QWidget | None, title: str, text: str, items: list[str]) -> int | None:
        item, ok = QInputDialog.getItem(parent, title, text, items, 0, False)
        return items.index(item) if ok and item in items else None

    def new_inspection(
        self, parent: QWidget | None, frameworks: list[Framework]
    ) -> NewInspectionRequest | None:
        dialog = NewInspectionDialog(frameworks, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def team_member(
        self, parent: QWidget | None, questions: list[tuple[str, str]], lead: str | None
    ) -> TeamMemberRequest | None:
        dialog = TeamMemberDialog(questions, lead, parent)
        return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str) -> str | None:
        typed, ok = QInputDialog.getText(parent, title, label, text=text)
        return typed if ok else None


@dataclass
class Asked:
    method: str
    args: tuple[Any, ...]


@dataclass
class ScriptedInteraction(Interaction):
    """For tests: answers from a queue, records every question. An unexpected question fails loudly."""

    answers: deque[Any] = field(default_factory=deque)
    asked: list[Asked] = field(default_factory=list)
    #: The default answer of each confirm() asked, in order (what Enter would have given).
    defaults: list[bool] = field(default_factory=list)

    def expect(self, *answers: Any) -> ScriptedInteraction:
        self.answers.extend(answers)
        return self

    def _answer(self, method: str, *args: Any) -> object:
        self.asked.append(Asked(method, args))
        if not self.answers:
            raise AssertionError(f"the app asked {method}{args!r} but the test gave no answer")
        return self.answers.popleft()

    def _answer_as(self, kind: type[T], method: str, *args: Any) -> T:
        """The next answer, which the test must have given as a ``kind``."""
        answer = self._answer(method, *args)
        if not isinstance(answer, kind):
            raise AssertionError(
                f"the app asked {method}{args!r}; the answer {answer!r} is not a {kind.__name__}"
            )
        return answer

    def _answer_as_optional(self, kind: type[T], method: str, *args: Any) -> T | None:
        """The next answer, which the test must have given as a ``kind`` or None (cancelled)."""
        answer = self._answer(method, *args)
        if answer is not None and not isinstance(answer, kind):
            raise AssertionError(
                f"the app asked {method}{args!r}; the answer {answer!r} is neither a {kind.__name__} nor None"
            )
        return answer

    def confirm_discard(self, parent: QWidget | None, name: str) -> Answer:
        return self._answer_as(Answer, "confirm_discard", name)

    def confirm(self, parent: QWidget | None, title: str, text: str, *, default: bool = True) -> bool:
        self.defaults.append(default)
        return self._answer_as(bool, "confirm", title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.asked.append(Asked("inform", (title, text)))

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        self.asked.append(Asked("error", (title, text, details)))

    def open_path(self, parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
        return self._answer_as_optional(Path, "open_path", title)

    def save_path(self, parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
        return self._answer_as_optional(Path, "save_path", title, suggested)

    def folder_path(self, parent: QWidget | None, title: str, folder: Path) -> Path | None:
        return self._answer_as_optional(Path, "folder_path", title)

    def choose(self, parent: QWidget | None, title: str, text: str, choices: list[str]) -> int | None:
        return self._answer_as_optional(int, "choose", title, text, tuple(choices))

    def pick(self, parent: QWidget | None, title: str, text: str, items: list[str]) -> int | None:
        return self._answer_as_optional(int, "pick", title, text, tuple(items))

    def new_inspection(
        self, parent: QWidget | None, frameworks: list[Framework]
    ) -> NewInspectionRequest | None:
        return self._answer_as_optional(
            NewInspectionRequest, "new_inspection", tuple(f.id for f in frameworks)
        )

    def team_member(
        self, parent: QWidget | None, questions: list[tuple[str, str]], lead: str | None
    ) -> TeamMemberRequest | None:
        return self._answer_as_optional(
            TeamMemberRequest, "team_member", tuple(question for question, _ in questions), lead
        )

    def ask_text(self, parent: QWidget | None, title: str, label: str, text: str) -> str | None:
        return self._answer_as_optional(str, "ask_text", title, label, text)

    def messages(self, method: str) -> list[tuple[Any, ...]]:
        return [a.args for a in self.asked if a.method == method]
