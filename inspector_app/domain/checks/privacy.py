"""Personal data that must not be published: one rule per kind, over the text that goes into the report.

Evidence notes are working papers and are not read; evidence titles and references are, when the report
prints the evidence annex. Every rule is a WARNING: a pattern cannot know whether "AB12 CDE" is a real
car, so the inspector decides, and ``export --strict`` refuses to export while any is left.

Patterns (and what they deliberately do not match):

* e-mail address: ``name@domain.tld``.
* UK phone number: starts ``0`` or ``+44`` and has the 9 or 10 digits of a UK national number after it
  (area codes 1, 2, 3, 5, 7, 8), in groups separated by single spaces or hyphens: "01707 354000",
  "+44 (0)20 7946 0000". Not decimals ("41.0"), dates ("01/02/2014"), counts ("999", "101").
* postcode: the full Royal Mail format, outward and inward code, in capitals: "SG13 8HZ", "SW1A 1AA".
  An outward code alone ("SG13", "M25") is a district, not an address.
* National Insurance number: two prefix letters (not BG, GB, KN, NK, NT, TN, ZZ; no D, F, I, Q, U, V,
  and no O second), six digits, suffix A–D: "QQ 12 34 56 C" is not valid, "AB 12 34 56 C" is.
* vehicle registration, current format (since 2001): two area letters, the two-digit age identifier,
  three letters: "AB51 CDE", "YK07 ABC". Older formats are left out: "A123 BCD" is too like other codes.
* date of birth: "DOB", "D.O.B.", "date of birth" or "born (on)" followed by a date (12/03/1985,
  12 March 1985, March 12, 1985; "born in March 1985"). "Born out of" or "dates of birth were missing" pass.
* crime reference number: "crime reference/number/ref", "CRN", "URN" or "occurrence number" followed by
  a reference with at least four digits, and the usual formats "41/123456/14" or "CR/12345/14".
* warrant number: "warrant number/no./reference" (or "warrant" directly) followed by a reference of at
  least five digits or with a separator ("WA/1234/15"); "a warrant in 2014" or "12 warrants" pass.

Ordinary numbers — "12 months", "43 police forces", "2014", "24,507 incidents", "£1,000" — match none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..inspection import Inspection
from .core import CheckContext, Finding, Flag, Severity, flag, rule, run_checks
from .text import TextSpot

#: Turns a match into the value to report, or None (or "") to let it pass.
Accept = Callable[[re.Match[str]], str | None]

#: The rule group; ``run_checks(only={PERSONAL_DATA})`` runs every personal-data rule.
PERSONAL_DATA = "privacy"

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
_PHONE = re.compile(
    r"(?<![\w+/.,£$-])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)\d{1,4}\)?(?:[ -]?\d{2,4}){1,4}(?![\d/.,]\d)"
)
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d[\dA-HJKPS-UW]?|[A-HK-Y]\d[\dABEHMNPRV-Y]?) ?\d[ABD-HJLNP-UW-Z]{2})\b"
)
_NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
)
_VEHICLE = re.compile(r"\b[A-HJ-PR-Y][A-HJ-PR-Y] ?(?:0[2-9]|[1-9]\d) ?[A-HJ-PR-Z]{3}\b")
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB = re.compile(
    rf"\b(?:D\.?O\.?B\b\.?|date\s+of\s+birth|born(?:\s+on)?)[\s:,-]*(?:(?:is|was|of)\s+)?{_DATE}"
    rf"|\bborn\s+(?:on|in)\s+{_MONTH}\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_CRIME_REFERENCE = re.compile(
    r"(?i:\b(?:crime\s+(?:reference|ref\.?|number|no\.?)(?:\s+(?:number|no\.?))?|CRN|URN|occurrence\s+(?:number|no\.?|reference)))"
    r"\s*[:#]?\s*(?P<ref>[A-Za-z]{0,4}[/-]?\d[\dA-Za-z/-]*)"
)
_CRIME_REFERENCE_FORMAT = re.compile(r"\b(?:\d{2}/\d{4,7}/\d{2}|[A-Z]{2,3}/\d{4,7}/\d{2,4})\b")
_WARRANT = re.compile(
    r"(?i:\bwarrant\s+(?:card\s+)?(?P<keyword>number|no\.?|ref(?:erence)?\.?)?)\s*[:#]?\s*(?P<ref>[A-Za-z]{0,4}[/-]?\d[\dA-Za-z/-]*)"
)


def _mask(text: str) -> str:
    """Enough of a match to find it again, not enough to repeat the personal data in a log."""
    text = " ".join(text.split())
    keep = min(4, max(1, len(text) // 3))
    return text[:keep] + "…"


_DIGITS = "0123456789"


def _has_digit(text: str) -> bool:
    return any(digit in text for digit in _DIGITS)  # ten C-speed searches beat one regex scan


#: Cheap tests a text must pass before a rule's regex reads it (most report text has no personal data,
#: and ``str.__contains__`` is far faster than a regular expression scanning every position).
_MAY_HOLD: dict[str, Callable[[str, str], bool]] = {
    "email": lambda text, lower: "@" in text,
    "phone": lambda text, lower: "0" in text or "+44" in text,
    "digits": lambda text, lower: _has_digit(text),
    "dob": lambda text, lower: "born" in lower or "birth" in lower or "dob" in lower or "d.o.b" in lower,
    "crime": lambda text, lower: any(
        word in lower for word in ("crime ref", "crime num", "crime no", "crn", "urn", "occurrence")
    ),
    "slash": lambda text, lower: "/" in text,
    "warrant": lambda text, lower: "warrant" in lower,
}


def _lowered(ctx: CheckContext) -> list[tuple[TextSpot, str]]:
    return ctx.memo("privacy.lowered", lambda: [(spot, spot.text.lower()) for spot in ctx.texts_with_annex])


def _hits(
    ctx: CheckContext, pattern: re.Pattern[str], may_hold: str, accept: Accept | None = None
) -> Iterator[tuple[TextSpot, re.Match[str], str]]:
    """(spot, match, value) for each match ``accept`` keeps (by default every match)."""
    test = _MAY_HOLD[may_hold]
    for spot, lower in _lowered(ctx):
        if not test(spot.text, lower):
            continue
        for match in pattern.finditer(spot.text):
            value = accept(match) if accept is not None else match.group(0)
            if value:
                yield spot, match, value


def _flag(spot: TextSpot, kind: str, value: str) -> Flag:
    return flag(
        spot.place, f"It may contain {kind} (“{_mask(value)}”); remove or anonymise it before publication."
    )


def _matches(
    ctx: CheckContext, pattern: re.Pattern[str], kind: str, may_hold: str, accept: Accept | None = None
) -> Iterator[Flag]:
    for spot, _match, value in _hits(ctx, pattern, may_hold, accept):
        yield _flag(spot, kind, value)


@rule("privacy.email", Severity.WARNING)
def email_address(ctx: CheckContext) -> Iterator[Flag]:
    """No e-mail addresses ("name@domain.tld") in the text the report prints.

    An address identifies a person (a victim, a witness, an officer) and invites mail to them; a
    published report must not carry one.
    """
    yield from _matches(ctx, _EMAIL, "an e-mail address", "email")


def _uk_phone(match: re.Match[str]) -> str | None:
    """The match if it is a UK number: 9 or 10 national digits starting 1, 2, 3, 5, 7 or 8.

    A longer run ("01234 567890 12") is trimmed group by group from the end until it fits."""
    text = match.group(0)
    while text:
        digits = re.sub(r"\D", "", text)
        national = digits[2:] if text.startswith("+44") else digits
        national = national[1:] if national.startswith("0") else national
        if len(national) in (9, 10) and national[0] in "123578":
            return text
        cut = re.search(r"[ -]?\d+\)?$", text)
        if cut is None or cut.start() == 0:
            return None
        text = text[: cut.start()]
    return None


@rule("privacy.phone", Severity.WARNING)
def phone_number(ctx: CheckContext) -> Iterator[Flag]:
    """No UK phone numbers ("01707 354000", "+44 (0)20 7946 0000") in the text the report prints.

    A number reaches a person — a victim, a witness — directly; publishing it exposes them. Only 0 or
    +44 numbers with the 9 or 10 digits of a UK number count, so "999", "101" and figures do not.
    """
    yield from _matches(ctx, _PHONE, "a phone number", "phone", _uk_phone)


@rule("privacy.postcode", Severity.WARNING)
def postcode(ctx: CheckContext) -> Iterator[Flag]:
    """No full postcodes ("SG13 8HZ") in the text the report prints.

    A full postcode covers a handful of homes; with anything else in the text it locates a victim. An
    outward code alone ("SG13") names a district and passes.
    """
    yield from _matches(ctx, _POSTCODE, "a postcode", "digits")


@rule("privacy.ni-number", Severity.WARNING)
def national_insurance_number(ctx: CheckContext) -> Iterator[Flag]:
    """No National Insurance numbers ("AB 12 34 56 C") in the text the report prints.

    Each identifies one person for life and is a key to their tax and benefit records.
    """
    yield from _matches(ctx, _NI_NUMBER, "a National Insurance number", "digits")


@rule("privacy.vehicle-registration", Severity.WARNING)
def vehicle_registration(ctx: CheckContext) -> Iterator[Flag]:
    """No vehicle registrations in the current UK format ("AB51 CDE") in the text the report prints.

    A registration leads to its keeper through the DVLA; in a report about an incident it can identify
    a victim or a suspect.
    """
    yield from _matches(ctx, _VEHICLE, "a vehicle registration", "digits")


@rule("privacy.date-of-birth", Severity.WARNING)
def date_of_birth(ctx: CheckContext) -> Iterator[Flag]:
    """No dates of birth ("DOB 12/03/1985", "born on 12 March 1985") in the text the report prints.

    A date of birth with almost any other detail identifies a person; it belongs in case files, never in
    a published report.
    """
    yield from _matches(ctx, _DOB, "a date of birth", "dob")


def _crime_reference(match: re.Match[str]) -> str | None:
    ref = match.group("ref") or ""
    return match.group(0) if sum(ch.isdigit() for ch in ref) >= 4 else None


@rule("privacy.crime-reference", Severity.WARNING)
def crime_reference(ctx: CheckContext) -> Iterator[Flag]:
    """No crime reference numbers ("crime reference 41/123456/14", "CRN 12345678") in the report's text.

    A reference number leads straight to one crime record, with the victim's and suspect's details, and
    cases reviewed by inspectors must not be identifiable from the report.
    """
    kind = "a crime reference number"
    named: set[tuple[int, int]] = set()  # (spot, position) of references found after their keyword
    for spot, match, value in _hits(ctx, _CRIME_REFERENCE, "crime", _crime_reference):
        named.update((id(spot), position) for position in range(match.start("ref"), match.end("ref")))
        yield _flag(spot, kind, value)
    for spot, match, value in _hits(ctx, _CRIME_REFERENCE_FORMAT, "slash"):
        if (id(spot), match.start()) not in named:
            yield _flag(spot, kind, value)


def _warrant(match: re.Match[str]) -> str | None:
    ref = match.group("ref") or ""
    digits = sum(ch.isdigit() for ch in ref)
    year_range = re.fullmatch(
        r"(?:19|20)\d\d(?:[/-](?:\d\d|(?:19|20)\d\d))?", ref
    )  # 2014, 2014/15, 2014-2015
    separated = any(ch in "/-" for ch in ref) or any(ch.isalpha() for ch in ref)
    if year_range is None and (digits >= 5 or (digits >= 4 and (separated or match.group("keyword")))):
        return match.group(0)
    return None


@rule("privacy.warrant-number", Severity.WARNING)
def warrant_number(ctx: CheckContext) -> Iterator[Flag]:
    """No warrant numbers ("warrant number 123456", "warrant no. WA/1234/15") in the report's text.

    A warrant number identifies the person named in it (or, for a warrant card, the officer).
    """
    yield from _matches(ctx, _WARRANT, "a warrant number", "warrant", _warrant)


def personal_data_findings(inspection: Inspection, *, evidence_annex: bool = False) -> list[Finding]:
    """What may be personal data in the text the report prints (used by ``export_report(strict=True)``).

    ``evidence_annex``: the report prints the evidence annex, so evidence titles and references count.
    """
    return run_checks(inspection, only={PERSONAL_DATA}, evidence_annex=evidence_annex)


def personal_data_message(findings: list[Finding], limit: int = 3) -> str:
    """One paragraph naming where the first ``limit`` findings are: for a refused export."""
    count = len(findings)
    shown = []
    for finding in findings[:limit]:
        kind = finding.message.removeprefix("It may contain ").split(";")[0]
        shown.append(f"{finding.place.label}: {kind}")
    more = f"; and {count - limit} more" if count > limit else ""
    places, it = ("place", "it") if count == 1 else ("places", "them")
    return (
        f"The report may contain personal data in {count} {places} ({'; '.join(shown)}{more}). "
        f"Remove or anonymise {it} before publication, then export again."
    )
