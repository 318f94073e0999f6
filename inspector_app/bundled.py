"""The data shipped inside the package (frameworks, samples, the Word template), read through importlib.resources.

Never build paths from ``__file__``: in a wheel, a zip or a frozen build the source tree is not there.
"""

from __future__ import annotations

import functools
from importlib.resources import files
from importlib.resources.abc import Traversable

from pydantic import ValidationError

from .domain.checks.spelling import Speller
from .domain.framework import Framework

_FRAMEWORK_SUFFIX = ".json"
_SAMPLE_SUFFIX = ".inspection"


class UnknownResourceError(LookupError):
    """A framework or sample name that is not bundled; the message lists the ones that are."""


def _root() -> Traversable:
    return files("inspector_app.resources")


def resource(*parts: str) -> Traversable:
    node = _root()
    for part in parts:
        node = node / part
    return node


def _names(folder: str, suffix: str) -> list[str]:
    directory = resource(folder)
    if not directory.is_dir():
        return []
    return sorted(p.name[: -len(suffix)] for p in directory.iterdir() if p.name.endswith(suffix))


def framework_ids() -> list[str]:
    return _names("frameworks", _FRAMEWORK_SUFFIX)


@functools.cache
def _framework_json(framework_id: str) -> str:
    if framework_id not in framework_ids():
        raise UnknownResourceError(
            f"There is no framework called '{framework_id}'. Known frameworks: {', '.join(framework_ids())}."
        )
    return resource("frameworks", framework_id + _FRAMEWORK_SUFFIX).read_text(encoding="utf-8")


def load_framework(framework_id: str) -> Framework:
    """A fresh, validated copy of a bundled framework (callers may keep and change it)."""
    try:
        return Framework.model_validate_json(_framework_json(framework_id))
    except ValidationError as error:  # a packaging mistake, not a user's; say which file
        raise RuntimeError(f"The bundled framework '{framework_id}' is invalid: {error}") from error


def frameworks() -> list[Framework]:
    return [load_framework(framework_id) for framework_id in framework_ids()]


def sample_names() -> list[str]:
    return _names("samples", _SAMPLE_SUFFIX)


def sample(name: str) -> Traversable:
    if name not in sample_names():
        known = ", ".join(sample_names()) or "none"
        raise UnknownResourceError(f"There is no sample called '{name}'. Known samples: {known}.")
    return resource("samples", name + _SAMPLE_SUFFIX)


#: LibreOffice's en_GB Hunspell dictionary and the US→UK list, in resources/dictionaries (see its README).
DICTIONARY = "en_GB"
US_GB_VARIANTS = "us_gb_variants.tsv"


@functools.cache
def speller() -> Speller:
    """The bundled British English speller, shared by the process (it parses its dictionary on first use)."""
    folder = resource("dictionaries")
    return Speller(
        (folder / f"{DICTIONARY}.aff").read_bytes(),
        (folder / f"{DICTIONARY}.dic").read_bytes(),
        (folder / US_GB_VARIANTS).read_text(encoding="utf-8"),
    )
