"""House style: British spelling, acronyms spelt out at first use, how areas for improvement open, "per cent".

These rules read only the report's text (:mod:`.text`), never the evidence notes.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace

from . import spelling
from .core import CheckContext, Flag, Severity, flag, rule
from .spelling import Speller
from .text import TextKind, TextSpot, afi_place


def _spot_tokens(ctx: CheckContext) -> list[tuple[TextSpot, list[str]]]:
    """Each text spot with its distinct raw tokens, in order (worked out once for both spelling rules;
    each rule judges a distinct token once per run)."""

    def make() -> list[tuple[TextSpot, list[str]]]:
        return [(spot, list(dict.fromkeys(spelling.tokens(spot.text)))) for spot in ctx.texts]

    return ctx.memo("style.tokens", make)


def _accepted(ctx: CheckContext) -> spelling.WordList:
    """Words the report may use that no dictionary has: the force's name, acronym expansions, the words
    the inspectors chose to ignore in this inspection."""
    return ctx.memo("style.accepted", lambda: spelling.accepted_in(ctx.inspection))


@rule("style.spelling", Severity.WARNING)
def misspelling(ctx: CheckContext) -> Iterator[Flag]:
    """Every word of the report is in the British English dictionary (LibreOffice's en_GB Hunspell).

    A WARNING for a word in lower case (most likely a misspelling); ADVICE for a capitalised one, which
    may be a name the dictionary lacks. Not checked: acronyms and words with inner capitals ("HMIC",
    "OCGs", "SafetyNet"), the force's own name, the framework's acronym expansions, numbers, e-mail
    addresses and links, and the words the inspectors ignored in this inspection. Besides the dictionary,
    the speller's word lists count: the field's own words ("wellbeing", "desistance"…), the organisation's
    and the user's (``inspector_app.bundled``). US spellings are left to ``style.us-spelling``, which
    names the British form. Runs only when the checks are given a dictionary (``run_checks(speller=...)``).
    The finding's place names the word, so the window can select it.
    """
    speller = ctx.speller
    if speller is None:
        return
    accepted = _accepted(ctx)
    verdicts: dict[str, tuple[str, Severity] | None] = {}
    for spot, tokens in _spot_tokens(ctx):
        for token in tokens:
            if token in verdicts:
                verdict = verdicts[token]
            else:
                verdict = verdicts[token] = _spelling_verdict(speller, token, accepted)
            if verdict is None:
                continue
            word, severity = verdict
            place = replace(spot.place, word=word)
            if severity is Severity.WARNING:
                yield flag(place, f"“{word}” is not in the British English dictionary.")
            else:
                yield flag(
                    place,
                    f"“{word}” is not in the British English dictionary (if it is a name, ignore this).",
                    severity,
                )


def _spelling_verdict(
    speller: Speller, token: str, accepted: spelling.WordList
) -> tuple[str, Severity] | None:
    word = spelling.clean(token)
    if word is None or not spelling.unknown(speller, word, accepted):
        return None
    return word, Severity.ADVICE if word[:1].isupper() else Severity.WARNING


@rule("style.us-spelling", Severity.WARNING)
def us_spelling(ctx: CheckContext) -> Iterator[Flag]:
    """No American spellings: "organisation", not "organization"; "colour", not "color".

    Inspectorate reports are written in British English with -ise endings. The list of American-only
    spellings and their British forms is derived from SCOWL/VarCon and checked against the en_GB
    dictionary (``resources/dictionaries``); spellings British English shares or allows ("program" for
    software, "judgment", "inquiry") are not on it. A hyphenated word is read part by part. A word the
    inspectors ignored in this inspection, or one on the speller's word lists, is not questioned. Runs
    only when the checks are given a dictionary (``run_checks(speller=...)``).
    """
    speller = ctx.speller
    if speller is None:
        return
    accepted = _accepted(ctx)
    verdicts: dict[str, tuple[str, str] | None] = {}
    for spot, tokens in _spot_tokens(ctx):
        for token in tokens:
            if token in verdicts:
                verdict = verdicts[token]
            else:
                word = spelling.clean(token)
                verdict = verdicts[token] = (
                    None if word is None else spelling.american(speller, word, accepted)
                )
            if verdict is not None:
                us, british = verdict
                yield flag(replace(spot.place, word=us), f"“{us}” is a US spelling; write “{british}”.")


# -- acronyms -----------------------------------------------------------------------------------------


def _loose(phrase: str) -> str:
    """A regex for ``phrase`` that allows either apostrophe and any run of spaces."""
    parts = []
    for char in phrase.strip():
        if char in "’'":
            parts.append("[’']")
        elif char.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@rule("style.acronym-first-use", Severity.ADVICE)
def acronym_not_spelt_out(ctx: CheckContext) -> Iterator[Flag]:
    """An acronym is spelt out at its first use in the report: "integrated offender management (IOM)".

    The framework lists the acronyms and their expansions. The first use, in the order the report is
    printed, passes when the expansion appears earlier in the report (as "expansion (ACRONYM)" or on its
    own) or right after it ("ACRONYM (expansion)"). Plurals count ("OCGs" after "organised crime
    groups"). Advice: published reports sometimes rely on the acronym being well known (HMIC).
    """
    spots = ctx.texts
    if not spots or not ctx.framework.acronyms:
        return
    starts, joined = _joined(ctx)
    for acronym in ctx.framework.acronyms:
        first = _first_use(joined, acronym.short)
        if first is None:
            continue
        expansion = re.compile(rf"(?<!\w){_loose(acronym.expansion)}", re.IGNORECASE)
        earlier = expansion.search(joined, 0, first.start())
        after = re.compile(rf"\s*\(\s*{_loose(acronym.expansion)}", re.IGNORECASE).match(joined, first.end())
        if earlier is None and after is None:
            spot = spots[bisect.bisect_right(starts, first.start()) - 1]
            yield flag(
                spot.place,
                f"The first use of “{acronym.short}” is not spelt out: write “{acronym.expansion} ({acronym.short})”.",
            )


def _first_use(joined: str, short: str) -> re.Match[str] | None:
    """The first "HMIC" (or "OCGs", "HMIC’s") standing as a word; found with str.find, which is quick."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(short)}(?:s|’s|'s)?(?![\w-])")
    position = joined.find(short)
    while position != -1:
        match = pattern.match(joined, position)
        if match is not None and (
            position == 0 or not (joined[position - 1].isalnum() or joined[position - 1] in "_-")
        ):
            return match
        position = joined.find(short, position + 1)
    return None


def _joined(ctx: CheckContext) -> tuple[list[int], str]:
    """All report text as one string (spots separated by blank lines) and where each spot starts."""

    def make() -> tuple[list[int], str]:
        starts, position = [], 0
        for spot in ctx.texts:
            starts.append(position)
            position += len(spot.text) + 2
        return starts, "\n\n".join(spot.text for spot in ctx.texts)

    return ctx.memo("style.joined", make)


# -- areas for improvement ----------------------------------------------------------------------------


def _afi_opening(ctx: CheckContext) -> re.Pattern[str]:
    names = {ctx.inspection.force.name.strip(), ctx.inspection.force.short.strip()} - {""}
    force = "|".join(_loose(name) for name in sorted(names, key=len, reverse=True))
    own = rf"|(?:{force})\s+should\b" if force else ""
    programme = "".join(f"|{_loose(opening)}" for opening in ctx.framework.house_style.afi_openings)
    return re.compile(
        rf"^\s*(?:The\s+(?:force|constabulary)\s+should\b|The\s+forces\b[^.;:]*?\bshould\b{own}{programme})"
    )


@rule("style.afi-opening", Severity.ADVICE)
def afi_opening(ctx: CheckContext) -> Iterator[Flag]:
    """An area for improvement opens "The force should …".

    The inspectorate's form is "The force should ensure that …". Also accepted: "The constabulary
    should", "The forces … should" (an alliance: "The forces in the strategic alliance should ensure
    that:") and the force's own name ("Hertfordshire Constabulary should"), and the openings the
    framework's house style accepts (PEEL 2016: "The force needs to", "The force still needs to").
    Advice, since a published report may deviate.
    """
    opening = _afi_opening(ctx)
    for question in ctx.questions():
        for n, area in enumerate(question.assessment.areas_for_improvement, start=1):
            text = area.text.strip()
            if text and not opening.match(text):
                start = " ".join(text.split()[:5])
                yield flag(
                    afi_place(question.id, question.label, n, area),
                    f"Areas for improvement open “The force should …”; this one opens “{start} …”.",
                )


# -- per cent -----------------------------------------------------------------------------------------


@rule("style.per-cent", Severity.ADVICE)
def per_cent(ctx: CheckContext) -> Iterator[Flag]:
    """Narrative writes the programme's word for it, not "%" ("41.0 per cent of investigations").

    "per cent" unless the framework's house style says "percent" (as the 2014 crime inspection and PEEL
    2016 reports write); data tables may use "%". Advice: a matter of style, not an error.
    """
    word = ctx.framework.house_style.per_cent
    other = re.compile(r"%|\bper\s+cent\b" if word == "percent" else r"%|\bpercent\b", re.IGNORECASE)
    for spot in ctx.texts:
        lower = spot.text.lower()
        if spot.kind is not TextKind.PROSE or ("%" not in spot.text and "cent" not in lower):
            continue
        found = other.findall(spot.text)
        if found:
            forms = " and ".join(
                f"“{form}”" for form in dict.fromkeys(" ".join(f.lower().split()) for f in found)
            )
            times = f" ({len(found)} times)" if len(found) > 1 else ""
            yield flag(spot.place, f"Write “{word}” rather than {forms}{times}.")
