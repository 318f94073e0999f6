"""The dialog of File › Team › Make a copy for a team member…: the member's name, the questions they
lead (optional, a checkable list), and for a file not yet a team's, the lead's own name."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class TeamMemberRequest:
    """What the dialog asked: the member, the question ids they lead, and the lead's name (a new team)."""

    member: str
    questions: list[str] = field(default_factory=list)
    lead: str = "Lead"


class TeamMemberDialog(QDialog):
    """``questions``: (id, label) of the framework's questions; ``lead``: the lead's name to offer when the
    file is not yet a team's (None: it is, and its lead is named already)."""

    def __init__(
        self, questions: list[tuple[str, str]], lead: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make a copy for a team member"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The copy is a file of its own for the member to work in, offline. Their changes come "
                "back through the team folder beside this file (Sync) or as a file they send you."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.member = QLineEdit(self)
        self.member.setMaxLength(80)
        self.member.setPlaceholderText(self.tr("e.g. Ann Smith"))
        form.addRow(self.tr("&Member's name:"), self.member)
        self.lead: QLineEdit | None = None
        if lead is not None:
            self.lead = QLineEdit(lead, self)
            self.lead.setMaxLength(80)
            form.addRow(self.tr("&Your name (the lead):"), self.lead)
        layout.addLayout(form)
        label = QLabel(self.tr("&Questions they lead (optional):"), self)
        self.questions = QListWidget(self)
        self.questions.setAccessibleName(self.tr("Questions they lead"))
        self.questions.setWordWrap(True)  # a question's wording is long: wrapped, never cut
        self.questions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        label.setBuddy(self.questions)
        for question_id, text in questions:
            item = QListWidgetItem(text, self.questions)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, question_id)
        layout.addWidget(label)
        layout.addWidget(self.questions)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose where to save…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.member.textChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(560, 400)

    def _update_ok(self) -> None:
        ok = bool(self.member.text().strip()) and (self.lead is None or bool(self.lead.text().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def request(self) -> TeamMemberRequest:
        chosen = []
        for row in range(self.questions.count()):
            item = self.questions.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        lead = self.lead.text().strip() if self.lead is not None else "Lead"
        return TeamMemberRequest(self.member.text().strip(), chosen, lead or "Lead")
