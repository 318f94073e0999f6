"""Pasted text from Word or a web page becomes clean paragraphs and bullets."""

from inspector_app.domain.paste import PastedBlock, as_lines, clean_paste


def test_word_bullets_become_bullets_without_their_glyphs_and_tabs():
    pasted = (
        "The force should:\r\n"
        "·\tensure that victims are updated;\r\n"
        "o\tincluding by text message;\r\n"
        "·\treview its use of Clare\u2019s Law.\r\n"
    )
    assert clean_paste(pasted) == [
        PastedBlock("The force should:"),
        PastedBlock("ensure that victims are updated;", 0),
        PastedBlock("including by text message;", 1),
        PastedBlock("review its use of Clare\u2019s Law.", 0),
    ]


def test_numbering_invisible_marks_and_web_spacing_are_stripped():
    pasted = "1.\tFirst   point\u00a0here\n(b) second\u00adpoint\u200b\n\n\tIndented\tparagraph  \n"
    assert clean_paste(pasted) == [
        PastedBlock("First point here", 0),
        PastedBlock("secondpoint", 0),
        PastedBlock("Indented paragraph"),
    ]


def test_nesting_by_tabs_is_kept_up_to_two_levels():
    pasted = "•\ttop\n\t•\tsecond\n\t\t•\tthird\n\t\t\t•\tdeeper"
    assert [block.level for block in clean_paste(pasted)] == [0, 1, 2, 2]


def test_ordinary_prose_is_left_alone():
    text = "In 2016, 41.0 per cent of crimes were solved. A-level results - not relevant."
    assert clean_paste(text) == [PastedBlock(text)]
    assert as_lines(clean_paste("a\n\nb")) == "a\nb"
