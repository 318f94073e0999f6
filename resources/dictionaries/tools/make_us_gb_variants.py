"""Build ``us_gb_variants.tsv``: American-only spellings and their British (-ise) forms.

Two real sources, each vouching for one side of a pair:

* SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists, whose spelling categories come from VarCon)
  says which spellings are American only: a word in an ``american-words`` list (size 70 or less) and in
  none of the lists a British writer may use (``english``, ``british``, ``british_variant_1/2``).
* The bundled en_GB Hunspell dictionary (LibreOffice's) must reject the American word, or else it is a
  British word of its own ("lory", "seta") and not a variant. The exception is the Oxford -ize/-yze
  spelling, which the dictionary accepts and the inspectorate's house style does not.

The British form is found by undoing the systematic differences (-ize/-ise, -or/-our, -er/-re, -l-/-ll-,
-og/-ogue, -ense/-ence, e/ae, e/oe, …, at most three at once), each only where it applies, and keeping
the result with the fewest rewrites that SCOWL lists as British (or, failing that, as common English:
"analyses" for "analyzes") and that the en_GB dictionary accepts. A word without such a form is left
out, so every entry names a British spelling that both sources vouch for.

Run with Debian's ``scowl`` package installed (``apt-get install scowl``) and spylls::

    python resources/dictionaries/tools/make_us_gb_variants.py /usr/share/dict/scowl \
        > resources/dictionaries/us_gb_variants.tsv

This script is a build tool: it is not shipped and the app never runs it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from spylls.hunspell import Dictionary

HERE = Path(__file__).resolve().parent
#: -ize/-yze: Oxford spellings that the en_GB dictionary accepts but the inspectorate's house style does not.
_OXFORD = re.compile(r"iz|yz")

#: SCOWL sizes: 70 is "large" (a big desk dictionary); 80 and 95 add rare and archaic words.
AMERICAN_MAX_SIZE = 70
#: (American pattern, British replacement): each rewrite undoes one systematic difference, only where it
#: applies (a suffix, a root), so that "perviousness" never becomes "previousness".
_OR_ENDINGS = (
    "s|ed|ing|ings|ite|ites|itism|able|ably|ableness|ful|fully|fulness|less|lessly|lessness|er|ers|ous|ously"
    "|ousness|ist|ists|ism|y|ies|ly|liness|hood|hoods|ship|ships|al|ally|some|ific|ish|ware|ant|ants|monger"
    "|mongers|ation|ations|ize|ized|izes|izing|ization"
)
_L_ENDINGS = "ed|er|ers|ing|ings|ingly|or|ors|ous|ously|ousness|en|ens|ist|ists|est|able|iz"
REWRITES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"iz", "is"),  # organize, organization, recognized
        (r"yz", "ys"),  # analyze, paralyze
        (rf"(?<=[a-z])or(?=(?:{_OR_ENDINGS})?$)", "our"),  # color, behavior, favorite, neighborhood
        (
            r"(?<=[bdtvgh])er(?=s?$|board|boards|piece|pieces|fold|folds|less|ware|wares)",
            "re",
        ),  # center, fiber
        (r"(?<=[bdtvgh])ered$", "red"),  # centered
        (r"(?<=[bdtvgh])ering(?=s?$)", "ring"),  # centering
        (rf"(?<=[aeiou])l(?=(?:{_L_ENDINGS}))", "ll"),  # traveled, counselor, panelist, tranquilize
        (r"ll(?=s?$|ment|ments|ful|fully|fulness)", "l"),  # enroll, fulfill, installment, skillful
        (r"og(?=s?$)", "ogue"),  # catalog, dialog, analog
        (r"og(?=ed$|ing$|er$|ers$)", "ogu"),  # cataloged, cataloging
        (r"ens(?=e)", "enc"),  # defense, offense, pretense
        (r"(?<![aeiou])e(?=[^aeiou\W]\w)", "ae"),  # anemia, pediatric, esthetic, hemorrhage
        (r"(?<![aeiou])e(?=[^aeiou\W]\w)", "oe"),  # estrogen, fetus, edema, esophagus
        (r"(?<=[^aeiou])ea(?=s?$|l$)", "oea"),  # diarrhea, gonorrheal
        (r"pale(?=o)", "palae"),  # paleontology
        (r"maneuv", "manoeuv"),  # maneuver
        (r"^gray", "grey"),
        (r"gment", "gement"),  # judgment, acknowledgment
        (r"ol(?=d|t)", "oul"),  # mold, molt, smolder
        (r"must(?=ach)", "moust"),  # mustache
        (r"plow", "plough"),
        (r"^pajama", "pyjama"),
        (r"^skeptic", "sceptic"),
        (r"sulf", "sulph"),  # sulfur, sulfate
        (r"^coz", "cos"),  # cozy
        (r"lry", "llery"),  # jewelry
        (r"^aluminum", "aluminium"),
        (r"^airplane", "aeroplane"),
        (r"^airfoil", "aerofoil"),
        (r"artifact", "artefact"),
        (r"specialt(?=y|ies)", "specialit"),  # specialty
        (r"practic(?=ed|ing|er)", "practis"),  # practiced (the verb)
        (r"(?<=ship)(?=ed|ing|er)", "p"),  # worshiped
        (r"(?<=^liv|^lik|^sal|^siz)ab(?=le|ly|ility)", "eab"),  # livable, likable, salable, sizable
        (r"mollusk", "mollusc"),
        (r"^math$", "maths"),
        (r"^afterward$", "afterwards"),
        (r"^checker", "chequer"),  # checkered, checkerboard
        (r"^checkbook", "chequebook"),
        (r"buretor", "burettor"),  # carburetor
        (r"x$", "xe"),  # ax
    )
)
#: Pairs the rewrites find but a reader would not call variants (checked by hand): "porer" is one who
#: pores, not a pourer; "premial" is not "proemial".
NOT_VARIANTS = frozenset({"porer", "porers", "premial"})
MAX_REWRITES = 3
_PLAIN = re.compile(r"^[a-z][a-z-]*$")


def read(folder: Path, category: str, max_size: int = 95) -> dict[str, int]:
    """Words of ``<category>-words.<size>`` for every size up to ``max_size``, with their smallest size."""
    words: dict[str, int] = {}
    for path in sorted(folder.glob(f"{category}-words.*")):
        size = int(path.suffix[1:])
        if size > max_size:
            continue
        for line in path.read_text(encoding="latin-1").splitlines():
            word = line.strip()
            if _PLAIN.match(word):
                words[word] = min(size, words.get(word, size))
    return words


def british_forms(word: str, british: dict[str, int], accepts: Callable[[str], bool]) -> list[str]:
    """British spellings reachable from ``word`` with the fewest rewrites that SCOWL lists as British
    and the en_GB dictionary accepts (none when there is none)."""
    frontier = {word}
    seen = {word}
    for _ in range(MAX_REWRITES):
        following: set[str] = set()
        for current in frontier:
            for pattern, replacement in REWRITES:
                for match in pattern.finditer(current):
                    candidate = current[: match.start()] + replacement + current[match.end() :]
                    if candidate not in seen:
                        seen.add(candidate)
                        following.add(candidate)
        found = sorted((c for c in following if c in british and accepts(c)), key=lambda c: (british[c], c))
        if found:
            return found
        frontier = following
    return []


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "/usr/share/dict/scowl")
    en_gb = Dictionary.from_files(str(HERE.parent / "en_GB"))
    american = read(folder, "american", AMERICAN_MAX_SIZE)
    acceptable: set[str] = set()
    for category in ("english", "british", "british_variant_1", "british_variant_2"):
        acceptable |= set(read(folder, category))
    # Where to look for the British form: British-only spellings first, then any spelling a British
    # writer uses (the plural "analyses" is shared English, yet it is the British form of "analyzes").
    british = {word: size + 100 for word, size in read(folder, "english").items()}
    british.update(read(folder, "british"))
    pairs: list[tuple[str, str]] = []
    missing: list[str] = []
    for word in sorted(american):
        if word in acceptable or word in NOT_VARIANTS:
            continue
        if en_gb.lookup(word) and not _OXFORD.search(word):
            # The en_GB dictionary takes it as British ("lory", "seta"): a word of its own, not a variant.
            continue
        forms = british_forms(word, british, en_gb.lookup)
        if forms:
            pairs.append((word, forms[0]))
        else:
            missing.append(word)
    print("# American-only spellings and their British forms (lower case; tab-separated).")
    print("# Derived from SCOWL 2020.12.07 (Debian package scowl 2020.12.07-2) by")
    print("# resources/dictionaries/tools/make_us_gb_variants.py; see SCOWL-LICENSE.txt.")
    print("# A word here is in SCOWL's american-words (size <= 70) and in none of the english, british or")
    print(
        "# british_variant lists, and the en_GB Hunspell dictionary beside this file rejects it (or it is an"
    )
    print("# Oxford -ize/-yze spelling); its British form is in SCOWL's british-words (or english-words) and")
    print("# the en_GB dictionary accepts it.")
    for us, gb in pairs:
        print(f"{us}\t{gb}")
    print(
        f"{len(pairs)} pairs; {len(missing)} American-only words without a British form found",
        file=sys.stderr,
    )
    for word in missing:
        print(f"  no British form: {word}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
