"""What a template will do to a report, said before the export: styles it lacks (copied from the standard
template), styles of the wrong kind, heading numbering of its own, and whose header and footer the report
will carry.

Nothing here refuses a template: a template that opens safely can always be used (:mod:`.template`
refuses only what cannot be opened or carries macros). Lint is advice for whoever looks after the
organisation's template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docx.document import Document
from docx.section import _BaseHeaderFooter
from lxml import etree

from .. import bundled
from ..domain.framework import Framework
from ..domain.text import shown
from . import styles as S
from .errors import ExportError
from .style_copy import style_kind, style_name
from .template import StyleIndex, load_template
from .xml import qn

_STYLE = qn("w:style")
#: The headings whose numbering would show in the report: every heading level it uses (the Contents
#: heading is not among them: the report never numbers it, whatever its style says).
NUMBERED_HEADINGS = S.HEADINGS
#: How much of a header's text a lint line quotes.
QUOTE_CHARS = 60


@dataclass(frozen=True)
class Furniture:
    """One kind of page furniture (headers or footers) a template defines: the text of each it has
    ("first page", "even pages", "every page" …), empty when it has none of its own."""

    kind: str  # "header" or "footer"
    pages: dict[str, str] = field(default_factory=dict)

    @property
    def own(self) -> bool:
        return bool(self.pages)

    def describe(self) -> str:
        if not self.own:
            what = "running header" if self.kind == "header" else "page-number footer"
            return f"{self.kind.capitalize()}: the template has none; the report adds its standard {what}."
        parts = [
            f"{where} “{shown(text, QUOTE_CHARS)}”" if text else where for where, text in self.pages.items()
        ]
        return f"{self.kind.capitalize()}: the template's own, kept ({'; '.join(parts)})."


@dataclass(frozen=True)
class TemplateLint:
    """The findings for one template. ``missing``: styles the report uses that it lacks (the standard
    template's are copied in at export); ``wrong_kind``: of those, names it uses for another kind of style
    (name → its kind); ``numbered_headings``: heading styles it numbers itself; ``header``/``footer``:
    whose page furniture the report carries."""

    name: str
    missing: list[str]
    wrong_kind: dict[str, str]
    numbered_headings: list[str]
    header: Furniture
    footer: Furniture

    @property
    def complete(self) -> bool:
        """Whether the template defines every style the report uses, each of the right kind."""
        return not self.missing

    def style_lines(self) -> list[str]:
        """One line per thing about its styles worth saying (empty when it has them all, as they should be)."""
        lines: list[str] = []
        plain = [name for name in self.missing if name not in self.wrong_kind]
        if plain:
            lines.append(
                f"It lacks {_count(len(plain), 'style')} the report uses; the standard template's are used for "
                f"{'it' if len(plain) == 1 else 'them'}: {S.listed(plain)}."
            )
        for name, kind in self.wrong_kind.items():
            needed = next((s.type for s in S.required_styles([]) if s.name == name), None)
            needed_kind = f"a {needed} style" if needed else "another kind of style"
            lines.append(
                f"“{shown(name)}” is a {kind} style in it, but the report needs {needed_kind}; the standard "
                f"one is used under the name “{shown(name)} ({needed or 'style'})”."
            )
        if self.numbered_headings:
            lines.append(
                f"It numbers {_and(self.numbered_headings)} itself: the report's questions keep their own "
                "numbers (1., 2., …, one number each), but its other headings at those levels, such as "
                "Introduction and the annexes, are numbered by the template too."
            )
        return lines

    def lines(self) -> list[str]:
        """Everything lint says, style findings first, then the header and footer the report will use."""
        return [*self.style_lines(), self.header.describe(), self.footer.describe()]


def lint_template(path: Path | str) -> TemplateLint:
    """What the template at ``path`` will do to a report for any bundled framework (see :class:`TemplateLint`).

    Raises ExportError when the file cannot be used as a template at all (missing, not Word, macros).
    """
    try:
        template = load_template(path)
        return lint_document(template.document, template.name, bundled.frameworks())
    except ExportError:
        raise
    except MemoryError:
        raise ExportError(
            f'The template "{shown(Path(path).name)}" is too large to check in the memory available.'
        ) from None
    except Exception as error:
        raise ExportError(
            f'The template "{shown(Path(path).name)}" could not be checked '
            f"({type(error).__name__}: {shown(str(error), 200)})."
        ) from error


def lint_document(document: Document, name: str, frameworks: Iterable[Framework]) -> TemplateLint:
    index = StyleIndex(document)
    kinds: dict[str, str] = {}
    for element in document.styles.element.iterfind(_STYLE):
        kinds.setdefault(style_name(element).lower(), style_kind(element))
    missing: list[str] = []
    wrong_kind: dict[str, str] = {}
    for style in S.required_styles(list(frameworks)):
        if index.find(style.name, style.type) is not None:
            continue
        missing.append(style.name)
        other = kinds.get(style.name.lower())
        if other is not None and other != style.type:
            wrong_kind[style.name] = other
    return TemplateLint(
        name=name,
        missing=missing,
        wrong_kind=wrong_kind,
        numbered_headings=numbered_headings(document),
        header=furniture(document, "header"),
        footer=furniture(document, "footer"),
    )


def numbered_headings(document: Document) -> list[str]:
    """The heading styles (by name) whose paragraphs the template numbers: a numPr with a real numId on the
    style or on a style it is based on."""
    styles = {el.get(qn("w:styleId")): el for el in document.styles.element.iterfind(_STYLE)}
    by_name = {
        style_name(el).lower(): el for el in styles.values() if style_kind(el) == S.StyleType.PARAGRAPH
    }
    found: list[str] = []
    for name in NUMBERED_HEADINGS:
        element = by_name.get(name.lower())
        for _ in range(12):
            if element is None:
                break
            num_ids = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
            if num_ids:
                if num_ids[0] != "0":
                    found.append(name)
                break
            based_on = element.xpath("./w:basedOn/@w:val")
            element = styles.get(based_on[0]) if based_on else None
    return found


def furniture(document: Document, kind: str) -> Furniture:
    """The headers (``kind`` "header") or footers of the template's first section that have something in
    them: text, a field or a picture."""
    if not document.sections:
        return Furniture(kind)
    section = document.sections[0]
    even = document.settings.odd_and_even_pages_header_footer
    header = kind == "header"
    candidates: list[tuple[str, _BaseHeaderFooter]] = [
        ("odd pages" if even else "every page", section.header if header else section.footer)
    ]
    if section.different_first_page_header_footer:
        first = section.first_page_header if header else section.first_page_footer
        candidates.insert(0, ("first page", first))
    if even:
        candidates.append(("even pages", section.even_page_header if header else section.even_page_footer))
    pages: dict[str, str] = {}
    for where, part in candidates:
        if part.is_linked_to_previous:
            continue
        element = part._element
        if has_content(element):
            pages[where] = text_of(element)
    return Furniture(kind, pages)


def has_content(container: etree._Element) -> bool:
    """Whether a header or footer shows anything: text, a field, a picture or a shape."""
    if text_of(container):
        return True
    for tag in ("w:fldChar", "w:fldSimple", "w:drawing", "w:pict", "w:object"):
        if next(container.iter(qn(tag)), None) is not None:
            return True
    return False


def text_of(container: etree._Element) -> str:
    """The visible text of a header or footer, paragraphs joined by " / ", field codes left out."""
    paragraphs: list[str] = []
    for p in container.iter(qn("w:p")):
        pieces = [t.text or "" for t in p.iter(qn("w:t"))]
        text = " ".join("".join(pieces).split())
        if text:
            paragraphs.append(text)
    return " / ".join(paragraphs)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
