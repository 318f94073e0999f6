"""The phrase library: plain files of standard wordings, and which phrases fit what is typed."""

from __future__ import annotations

import os
import stat

import pytest

from inspector_app import bundled
from inspector_app.domain.phrases import Phrase, matching, parse_phrases, typed_prefix


@pytest.fixture(autouse=True)
def own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INSPECTOR_ORG_PHRASES", str(tmp_path / "org" / "phrases.txt"))


def test_a_phrase_file_has_groups_comments_and_one_phrase_a_line():
    text = "# comment\n## Timescales\nWithin three months,\n\nWithin three months,\n## Other\nWe found that\n"
    assert parse_phrases(text, "organisation") == [
        Phrase("Within three months,", "Timescales", "organisation"),
        Phrase("We found that", "Other", "organisation"),
    ]


def test_matching_prefers_phrases_that_begin_with_what_is_typed():
    phrases = [Phrase("The force should ensure that"), Phrase("We found that the force should")]
    assert [p.text for p in matching(phrases, "the FORCE sh")] == [
        "The force should ensure that",
        "We found that the force should",
    ]
    assert matching(phrases, "") == phrases
    assert matching(phrases, "nothing like it") == []
    assert typed_prefix("It was good. The force sh") == "The force sh"


def test_bundled_organisation_personal_and_framework_phrases_are_offered(tmp_path):
    (tmp_path / "org").mkdir()
    (tmp_path / "org" / "phrases.txt").write_text("## House\nThe constabulary should\n", encoding="utf-8")
    framework = bundled.load_framework("crime-inspection-2014")
    found = bundled.phrases(framework)
    sources = {p.source for p in found}
    assert {"bundled", "organisation", "framework"} <= sources
    assert any(p.text.startswith("To address this cause of concern") for p in found)
    assert any(p.group == "Introduction" for p in found), "the framework's standard paragraphs"


def test_a_saved_phrase_goes_to_the_users_private_file_once(tmp_path):
    path = bundled.add_personal_phrase("The force  should publish\nits plan.")
    assert bundled.add_personal_phrase("The force should publish its plan.") == path
    assert [p.text for p in bundled.phrases() if p.source == "personal"] == [
        "The force should publish its plan."
    ]
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ValueError, match="not a phrase"):
        bundled.add_personal_phrase("   ")
