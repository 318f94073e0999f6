"""The "file in use" question quotes a planted lock file shortened and as plain text (issue 17, item 5)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtGui import Qt

from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.recovery_prompts import Cancelled, lock_for_opening, plain
from inspector_app.storage import lock as locks


@pytest.mark.parametrize(
    ("user", "host"),
    [
        ("<b>Your boss</b>" + "x" * 10_000, "LAPTOP-12"),
        ("jsmith", "<html><body><h1>Click here</h1><img src='http://example.org/p.png'></body></html>"),
        ("&lt;b&gt;entity&lt;/b&gt;", "PC\n<b>second line</b>"),
    ],
)
def test_the_file_in_use_question_quotes_a_planted_lock_plainly(qapp, tmp_path, user, host):
    path = tmp_path / "herts.inspection"
    path.write_text("{}", encoding="utf-8")
    since = dt.datetime(2024, 5, 14, 9, 14).astimezone().isoformat()
    planted = {"user": user, "host": host, "pid": 4242, "since": since, "app": "Inspector", "token": "x"}
    locks.lock_path(path).write_text(json.dumps(planted), encoding="utf-8")
    interaction = ScriptedInteraction().expect(None)  # cancel
    with pytest.raises(Cancelled):
        lock_for_opening(None, interaction, path)
    [(title, text, _choices)] = interaction.messages("choose")
    assert title == "The file is in use"
    first, question = text.split("\n")
    assert not Qt.mightBeRichText(text) and "<" not in text
    assert first.startswith("herts.inspection is open by ") and len(first) < 250
    assert question.startswith("Open a read-only copy")


def test_plain_turns_what_qt_would_render_into_literal_text():
    for text in ("<b>bold</b>", "&lt;b&gt; quoted", "<!DOCTYPE html>"):
        assert Qt.mightBeRichText(text)
        assert not Qt.mightBeRichText(plain(text))
    assert (
        plain("Fine & dandy\n<b>second line</b>") == "Fine & dandy\n<b>second line</b>"
    )  # Qt reads it plain
