"""Copy the styles a template lacks from the standard template, so an organisation's template is never
refused for one missing style.

An organisation's template defines its own look for the styles it has; for a style it lacks (a plain .docx
has no "Grade Good" or "Table Note") the standard template's definition is copied in, with what the style
stands on: the style it is based on (when the template has none of that name), and the list numbering it
carries (bullets, lettered points). The report then uses the copy as if the template had defined it, and
the export and lint say which styles were copied.

A template may hold a style of the right name but the wrong kind ("Grade Good" as a paragraph style where
the report needs a character style). Word keeps style names unique, so the copy is named with its kind
("Grade Good (character)"); :class:`~.template.StyleIndex` finds it under the plain name.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from docx.document import Document
from lxml import etree

from ..domain.text import shown
from . import styles as S
from .xml import insert_in_order, qn

_STYLE, _NAME, _BASED_ON, _NEXT, _LINK, _VAL = (
    qn(t) for t in ("w:style", "w:name", "w:basedOn", "w:next", "w:link", "w:val")
)
_STYLE_ID, _TYPE = qn("w:styleId"), qn("w:type")
#: The name a copied style gets when the template uses its plain name for another kind of style.
KIND_SUFFIX = re.compile(r"^(?P<name>.*) \((?P<kind>paragraph|character|table)\)$")
#: How deep a chain of basedOn styles is followed (Word itself allows a few levels; a loop stops here).
_MAX_CHAIN = 12


def styled_name(name: str, kind: str) -> str:
    """ "Grade Good (character)": the name of a copy whose plain name the template uses for another kind."""
    return f"{name} ({kind})"


@dataclass
class CopiedStyles:
    """What :func:`copy_missing_styles` did: the styles copied at the report's request (``copied``), those
    whose name the template uses for another kind of style (``wrong_kind``: name → the template's kind),
    and the styles copied because a copied one is based on them (``bases``)."""

    copied: list[str] = field(default_factory=list)
    wrong_kind: dict[str, str] = field(default_factory=dict)
    bases: list[str] = field(default_factory=list)


class _Styles:
    """A styles part's w:style elements by id, and by (lower-case name, kind)."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.by_id: dict[str, etree._Element] = {}
        self.by_name: dict[tuple[str, str], etree._Element] = {}
        self.kinds_of_name: dict[str, str] = {}
        for element in root.iterfind(_STYLE):
            self._add(element)

    def _add(self, element: etree._Element) -> None:
        style_id = element.get(_STYLE_ID)
        if style_id:
            self.by_id.setdefault(style_id, element)
        name = style_name(element).lower()
        if name:
            kind = style_kind(element)
            self.by_name.setdefault((name, kind), element)
            self.kinds_of_name.setdefault(name, kind)

    def find(self, name: str, kind: str) -> etree._Element | None:
        return self.by_name.get((name.lower(), kind))

    def unused_id(self, wanted: str) -> str:
        candidate, number = wanted, 2
        while candidate in self.by_id:
            candidate = f"{wanted}{number}"
            number += 1
        return candidate

    def append(self, element: etree._Element) -> None:
        self.root.append(element)
        self._add(element)


def style_name(element: etree._Element) -> str:
    name = element.find(_NAME)
    return (name.get(_VAL) or "").strip() if name is not None else ""


def style_kind(element: etree._Element) -> str:
    return element.get(_TYPE) or S.StyleType.PARAGRAPH


def copy_missing_styles(
    target: Document, standard: Document, needed: Iterable[S.RequiredStyle]
) -> CopiedStyles:
    """Copy into ``target`` each of ``needed`` that it lacks, from ``standard`` (which must have them all;
    a style neither has is left for the caller to report)."""
    result = CopiedStyles()
    mine = _Styles(target.styles.element)
    theirs = _Styles(standard.styles.element)
    numbering = _NumberingCopier(target, standard)
    copied_ids: dict[str, str] = {}  # standard style id -> id of its copy (or of the target's own)

    def copy_style(element: etree._Element, as_name: str | None, depth: int) -> str:
        source_id = element.get(_STYLE_ID) or ""
        if source_id in copied_ids:
            return copied_ids[source_id]
        clone = copy.deepcopy(element)
        new_id = mine.unused_id(source_id or S.style_id_for(style_name(element)))
        copied_ids[source_id] = new_id
        clone.set(_STYLE_ID, new_id)
        if as_name is not None:
            name_element = clone.find(_NAME)
            if name_element is not None:
                name_element.set(_VAL, as_name)
        for attribute in ("default",):  # the standard's default paragraph style is not the template's
            clone.attrib.pop(qn(f"w:{attribute}"), None)
        _resolve_links(clone, depth)
        numbering.carry(clone)
        mine.append(clone)
        return new_id

    def _resolve_links(clone: etree._Element, depth: int) -> None:
        """basedOn: the template's style of that name, else a copy of the standard's; next and link: the
        template's or a copy's id, else dropped (Word then continues in the same style)."""
        for tag in (_BASED_ON, _NEXT, _LINK):
            reference = clone.find(tag)
            if reference is None:
                continue
            referred = theirs.by_id.get(reference.get(_VAL) or "")
            target_id: str | None = None
            if referred is not None:
                own = mine.find(style_name(referred), style_kind(referred))
                if own is not None:
                    target_id = own.get(_STYLE_ID)
                elif tag == _BASED_ON and depth < _MAX_CHAIN and _free_name(referred):
                    target_id = copy_style(referred, None, depth + 1)
                    if style_name(referred) not in result.bases:
                        result.bases.append(style_name(referred))
                elif (referred.get(_STYLE_ID) or "") in copied_ids:
                    target_id = copied_ids[referred.get(_STYLE_ID) or ""]
            if target_id:
                reference.set(_VAL, target_id)
            else:
                clone.remove(reference)

    def _free_name(element: etree._Element) -> bool:
        return style_name(element).lower() not in mine.kinds_of_name

    for style in needed:
        if mine.find(style.name, style.type) is not None:
            continue
        if mine.find(styled_name(style.name, style.type), style.type) is not None:
            continue  # copied by an earlier export of this document
        source = theirs.find(style.name, style.type)
        if source is None:
            continue
        other_kind = mine.kinds_of_name.get(style.name.lower())
        if other_kind is not None:
            result.wrong_kind[style.name] = other_kind
            copy_style(source, styled_name(style_name(source), style.type), 0)
        else:
            copy_style(source, None, 0)
        result.copied.append(style.name)
    return result


class _NumberingCopier:
    """Carries the list numbering of a copied style into the target's numbering part: the standard's
    w:num and w:abstractNum under fresh ids, each copied once."""

    def __init__(self, target: Document, standard: Document) -> None:
        self._target = target
        self._standard = standard
        self._num_ids: dict[str, str] = {}
        self._root: etree._Element | None = None

    def carry(self, style: etree._Element) -> None:
        num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is None or num_id.get(_VAL) == "0":
            return  # numId 0: "no list", which stops a numbering the style would inherit — kept as it is
        copied = self._copy_num(num_id.get(_VAL) or "")
        if copied is None:
            num_pr = num_id.getparent()
            num_pr.getparent().remove(num_pr)  # the standard's own numbering is broken: no list then
        else:
            num_id.set(_VAL, copied)

    def _copy_num(self, source_num_id: str) -> str | None:
        if source_num_id in self._num_ids:
            return self._num_ids[source_num_id]
        source = self._standard.part.numbering_part.element
        nums = source.xpath(f'./w:num[@w:numId="{source_num_id}"]') if source_num_id.isdigit() else []
        if not nums:
            return None
        abstract_id = nums[0].find(qn("w:abstractNumId"))
        abstracts = (
            source.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id.get(_VAL)}"]')
            if abstract_id is not None and (abstract_id.get(_VAL) or "").isdigit()
            else []
        )
        if not abstracts:
            return None
        root = self._numbering()
        new_abstract_id = str(
            max([-1, *(int(v) for v in root.xpath("./w:abstractNum/@w:abstractNumId"))]) + 1
        )
        new_num_id = str(max([0, *(int(v) for v in root.xpath("./w:num/@w:numId"))]) + 1)
        abstract = copy.deepcopy(abstracts[0])
        abstract.set(qn("w:abstractNumId"), new_abstract_id)
        for tag in ("w:nsid", "w:styleLink", "w:numStyleLink"):
            for element in abstract.findall(qn(tag)):
                abstract.remove(element)  # a list linked to a numbering style the template lacks
        for p_style in abstract.iter(qn("w:pStyle")):
            p_style.getparent().remove(p_style)  # levels tied to the standard's style ids
        num = etree.Element(qn("w:num"), {qn("w:numId"): new_num_id})
        etree.SubElement(num, qn("w:abstractNumId"), {_VAL: new_abstract_id})
        first_num = root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)  # abstractNum elements come before every w:num
        else:
            insert_in_order(root, abstract, ("w:num", "w:numIdMacAtCleanup"))
        insert_in_order(root, num, ("w:numIdMacAtCleanup",))
        self._num_ids[source_num_id] = new_num_id
        return new_num_id

    def _numbering(self) -> etree._Element:
        if self._root is None:
            self._root = self._target.part.numbering_part.element
        return self._root


def copy_warnings(copied: CopiedStyles, template_name: str) -> list[str]:
    """What the export says about the styles it copied into the template named ``template_name``."""
    if not copied.copied:
        return []
    subject = f"The template “{shown(template_name)}”"
    plain = [name for name in copied.copied if name not in copied.wrong_kind]
    lines: list[str] = []
    if plain:
        noun = "style" if len(plain) == 1 else "styles"
        lines.append(
            f"{subject} lacks {len(plain)} {noun} the report uses; the standard template's "
            f"{'was' if len(plain) == 1 else 'were'} used: {S.listed(plain)}."
        )
    for name, kind in copied.wrong_kind.items():
        lines.append(
            f"{subject} has “{shown(name)}” as a {kind} style; the report used the standard template's "
            "style of the kind it needs instead."
        )
    return lines
