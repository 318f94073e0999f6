"""Text hygiene shared by storage and export."""

from __future__ import annotations

from typing import Any


def without_lone_surrogates(text: str) -> str:
    """Replace unpaired UTF-16 surrogates (half of an emoji from a broken paste) by U+FFFD.

    Properly paired surrogates are joined into the character they encode; nothing else changes.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def scrub_surrogates(value: Any) -> Any:
    """``without_lone_surrogates`` applied to every string in nested lists and dicts (keys too)."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, list):
        return [scrub_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {scrub_surrogates(key): scrub_surrogates(item) for key, item in value.items()}
    return value
