"""The one exception the Word export lets out."""

from __future__ import annotations


class ExportError(Exception):
    """The report could not be made or written; the message is a sentence an inspector can act on."""


class ExportCancelled(ExportError):
    """The user stopped the export; nothing was written (no error to report, only to say)."""
