"""Spelling beyond the dictionary: the field's, the organisation's and the user's word lists, the words an
inspection ignores, suggestions, and where a misspelling is (for the editor's underline and selection)."""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unit.checks.checks_support import clean_peel, found, paragraph

from inspector_app import bundled
from inspector_app.domain.checks import spelling
from inspector_app.domain.checks.spelling import WordList


@pytest.fixture
def word_lists(tmp_path, monkeypatch):
    """The organisation's and the user's word lists in a temporary folder (and read back afterwards)."""
    monkeypatch.setenv(bundled.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(bundled.ORGANISATION_WORDS_ENV, str(tmp_path / "it" / "words.txt"))
    bundled.reload_word_lists()
    yield tmp_path
    monkeypatch.undo()
    bundled.reload_word_lists()


def field_words() -> list[str]:
    return bundled.parse_word_list(
        bundled.resource("dictionaries", bundled.FIELD_WORDS).read_text(encoding="utf-8")
    )


# -- word lists ---------------------------------------------------------------------------------------


def test_a_word_list_accepts_a_word_capitalised_in_capitals_and_as_a_possessive():
    words = WordList(["wellbeing", "Herts"])
    for accepted in ["wellbeing", "Wellbeing", "WELLBEING", "wellbeing’s", "Herts", "HERTS", "Herts's"]:
        assert accepted in words, accepted
    for refused in ["herts", "wellBeing", "wellbeings", "", "s"]:
        assert refused not in words, refused


def test_the_field_list_has_a_hundred_words_the_dictionary_lacks_and_the_speller_takes():
    words = field_words()
    assert len(words) >= 100 and len(set(words)) == len(words)
    dictionary = bundled.speller().dictionary()
    assert [word for word in words if dictionary.lookup(word)] == [], "listed words must be ones it lacks"
    assert all(bundled.speller().known(word) for word in words)
    for word in ["wellbeing", "Wellbeing", "wellbeing’s", "wellbeing-related", "desistance", "upskirting"]:
        assert bundled.speller().known(word), word


def test_wellbeing_is_no_longer_a_spelling_warning():
    inspection = clean_peel()
    paragraph(inspection, "The force looks after the wellbeing of its workforce.")
    assert found(inspection, "style.spelling") == []


def test_parse_word_list_skips_comments_blanks_phrases_and_repeats():
    text = "\ufeff# IT's list\nNascot\n\n  Op Encompass \nOpEncompass # our operation\nNascot\n" + "x" * 200
    assert bundled.parse_word_list(text.removeprefix("\ufeff")) == ["Nascot", "OpEncompass"]


def test_the_organisation_list_is_read_from_its_folder(word_lists):
    organisation = word_lists / "it" / "words.txt"
    organisation.parent.mkdir()
    organisation.write_text("# Deployed by IT\nNascot\nkerbcraft\n", encoding="utf-8")
    inspection = clean_peel()
    paragraph(inspection, "Officers in Nascot teach kerbcraft.")
    assert {f.place.word for f in found(inspection, "style.spelling")} == {"Nascot", "kerbcraft"}
    bundled.reload_word_lists()
    assert bundled.speller().words(bundled.ORGANISATION_LIST) == {"Nascot", "kerbcraft"}
    assert found(inspection, "style.spelling") == []


def test_the_organisation_folders_are_the_shared_data_folders_unless_named(monkeypatch, tmp_path):
    monkeypatch.delenv(bundled.ORGANISATION_WORDS_ENV, raising=False)
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_DIRS", f"{tmp_path / 'a'}{os.pathsep}{tmp_path / 'b'}")
        assert bundled.organisation_words_paths() == [
            tmp_path / "a" / "Inspector" / "words.txt",
            tmp_path / "b" / "Inspector" / "words.txt",
        ]
        (tmp_path / "b" / "Inspector").mkdir(parents=True)
        (tmp_path / "b" / "Inspector" / "words.txt").write_text("Leverstock\n", encoding="utf-8")
        try:
            bundled.reload_word_lists()
            assert bundled.speller().known("Leverstock")
        finally:
            monkeypatch.undo()
            bundled.reload_word_lists()
    else:
        assert all(
            p.name == "words.txt" and p.parent.name == "Inspector" for p in bundled.organisation_words_paths()
        )
    monkeypatch.setenv(bundled.ORGANISATION_WORDS_ENV, "/srv/inspector/words.txt")
    assert bundled.organisation_words_paths() == [Path("/srv/inspector/words.txt")]


def test_an_unreadable_or_huge_list_is_left_out(word_lists, monkeypatch):
    organisation = word_lists / "it" / "words.txt"
    organisation.parent.mkdir()
    organisation.write_bytes(b"x\n" * (bundled.MAX_WORD_LIST_BYTES // 2 + 1))
    assert bundled.read_word_list(organisation) == []
    assert bundled.read_word_list(word_lists / "missing.txt") == []
    organisation.write_bytes(b"caf\xe9\nNascot\n")  # not UTF-8: what can be read still counts
    assert "Nascot" in bundled.read_word_list(organisation)


def test_add_to_dictionary_writes_the_personal_list_privately_and_silences_the_check(word_lists):
    inspection = clean_peel()
    paragraph(inspection, "Officers use the Athena system and kerbcraft lessons.")
    assert [f.place.word for f in found(inspection, "style.spelling")] == ["kerbcraft"]
    path = bundled.add_personal_word("kerbcraft")
    assert path == word_lists / "data" / "words.txt"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#") and text.endswith("\nkerbcraft\n")
    bundled.add_personal_word("kerbcraft")
    bundled.add_personal_word("Nascot")
    assert bundled.read_word_list(path) == ["kerbcraft", "Nascot"]
    assert found(inspection, "style.spelling") == []
    assert bundled.speller().words(bundled.PERSONAL_LIST) == {"kerbcraft", "Nascot"}
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["words.txt"], "written atomically, nothing left beside"
    with pytest.raises(ValueError, match="not a word"):
        bundled.add_personal_word("two words")


def test_add_to_dictionary_that_cannot_write_raises_and_changes_nothing(word_lists, monkeypatch):
    path = bundled.add_personal_word("kerbcraft")

    def full_disk(_path, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(bundled, "atomic_write_bytes", full_disk)
    with pytest.raises(OSError, match="No space"):
        bundled.add_personal_word("Nascot")
    assert bundled.read_word_list(path) == ["kerbcraft"]
    assert not bundled.speller().known("Nascot")


# -- an inspection's own words ------------------------------------------------------------------------


def test_ignored_words_silence_both_spelling_checks_for_that_inspection_only():
    inspection = clean_peel()
    paragraph(inspection, "Kerbcraft lessons and a new color scheme for Nascot.")
    assert {f.place.word for f in found(inspection, "style.spelling")} == {"Kerbcraft", "Nascot"}
    assert [f.place.word for f in found(inspection, "style.us-spelling")] == ["color"]
    inspection.spelling_ignored = ["kerbcraft", "Nascot", "color"]
    assert found(inspection, "style.spelling") == []
    assert found(inspection, "style.us-spelling") == []
    other = clean_peel()
    paragraph(other, "Kerbcraft lessons.")
    assert [f.place.word for f in found(other, "style.spelling")] == ["Kerbcraft"]


def test_an_inspection_accepts_its_force_acronyms_and_ignored_words():
    inspection = clean_peel()
    inspection.spelling_ignored = ["Nascot"]
    accepted = spelling.accepted_in(inspection)
    assert "Kent" in accepted and "Police" in accepted and "Nascot" in accepted
    acronym = inspection.framework.acronyms[0]
    assert all(word in accepted for word in spelling.words(acronym.expansion))


def test_a_spelling_finding_names_its_word_for_the_window():
    inspection = clean_peel()
    block = paragraph(inspection, "Officers recieve training; the color of the uniform.")
    [misspelt] = found(inspection, "style.spelling")
    assert (misspelt.place.record_id, misspelt.place.word) == (block.id, "recieve")
    [american] = found(inspection, "style.us-spelling")
    assert american.place.word == "color"


# -- judging words where they are ---------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from("ab’'-_1 @.:/[^]wh\n"), max_size=40))
def test_word_spans_are_the_words_where_they_stand(text):
    spans = list(spelling.word_spans(text))
    assert [word for _, _, word in spans] == spelling.words(text)
    assert all(text[start:end] == word for start, end, word in spans)


def test_word_spans_leave_out_addresses_links_and_footnote_markers():
    text = "Write to ab@cd.org, see https://x.example/recieve[^1] or recieve."
    assert [(text[s:e], w) for s, e, w in spelling.word_spans(text)] == [
        ("Write", "Write"),
        ("to", "to"),
        ("see", "see"),
        ("or", "or"),
        ("recieve", "recieve"),
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("recieve", True),
        ("color", True),
        ("wellbeing", False),
        ("Hertfordshire", False),
        ("HMIC", False),
        ("OCGs", False),
        ("a", False),
    ],
)
def test_problem_is_what_the_window_underlines(word, expected):
    accepted = spelling.accepted_in(clean_peel())
    assert spelling.problem(bundled.speller(), word, accepted) is expected


# -- suggestions --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("recieve", "receive"),
        ("Recieve", "Receive"),
        ("goverment", "government"),
        ("color", "colour"),
        ("wellbeeing", "wellbeing"),
        ("safeguardign", "safeguarding"),
    ],
)
def test_suggestions_put_the_likely_correction_first(word, first):
    speller = bundled.speller()
    speller.forget()
    started = time.perf_counter()
    suggestions = speller.suggest(word)
    elapsed = time.perf_counter() - started
    assert suggestions[0] == first
    assert len(suggestions) <= spelling.SUGGESTIONS and word not in suggestions
    assert elapsed < 2.0, "a simple misspelling is corrected without searching the whole dictionary"


def test_suggestions_are_capped_remembered_and_none_for_a_non_word():
    speller = bundled.speller()
    assert len(speller.suggest("thier")) <= spelling.SUGGESTIONS
    assert speller.suggest("thier", limit=2) == speller.suggest("thier")[:2]
    assert speller.suggest("x" * 100) == []
    assert speller.suggest("") == []
