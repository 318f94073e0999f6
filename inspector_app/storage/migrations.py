"""Upgrades of older inspection files, one registered step per format version.

Each step takes the parsed JSON of version N and returns version N+1. The loader runs the chain in memory;
the file on disk is only rewritten when the user saves. When the format changes: bump
``CURRENT_FORMAT_VERSION``, register the step here, and keep a fixture of the old version in
``tests/fixtures/format/`` so the step is tested for as long as the app reads that version.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

Document = dict[str, Any]
Migration = Callable[[Document], Document]

#: The version this build writes. 2: the inspection's ``spelling_ignored`` words. 3: the inspection's
#: protective ``marking``, the framework's ``report.markings``, a figure's ``image`` and ``alt_text``.
#: 4: the layout as data (the framework's ``report.sections``, ``report.question``,
#: ``report.compare_with_last_year``, ``finding_kinds``), a question's ``other_findings``, the force page's
#: ``observations`` and ``observations_by``. 5: a team's file carries its ``team`` section beside the
#: inspection (storage/team_section.py); a file without a team has none. 6: reviewers' ``comments`` and
#: the report's sign-off (``signed_off_by``, ``signed_off_on``).
CURRENT_FORMAT_VERSION = 6
#: The oldest version this build can still read.
OLDEST_FORMAT_VERSION = 1


class MigrationRegistry:
    def __init__(self, current: int, oldest: int) -> None:
        self.current = current
        self.oldest = oldest
        self._steps: dict[int, Migration] = {}

    def register(self, from_version: int) -> Callable[[Migration], Migration]:
        """Decorator: the function upgrades a document of ``from_version`` to ``from_version + 1``."""

        def decorate(step: Migration) -> Migration:
            if from_version in self._steps:
                raise ValueError(f"a migration from version {from_version} is already registered")
            self._steps[from_version] = step
            return step

        return decorate

    def missing_steps(self) -> list[int]:
        return [v for v in range(self.oldest, self.current) if v not in self._steps]

    def upgrade(self, document: Document, version: int) -> Document:
        """Run every step from ``version`` up to the current one; the input is not modified."""
        if not self.oldest <= version <= self.current:
            raise ValueError(f"cannot upgrade from format version {version}")
        if version < self.current:
            document = copy.deepcopy(document)
        for from_version in range(version, self.current):
            document = self._steps[from_version](document)
            document["format_version"] = from_version + 1
        return document


registry = MigrationRegistry(current=CURRENT_FORMAT_VERSION, oldest=OLDEST_FORMAT_VERSION)

# Version 1 is the first format; each later version has its step here.


@registry.register(from_version=1)
def add_spelling_ignored(document: Document) -> Document:
    """Format 2 adds the words an inspection's spelling check ignores (``Inspection.spelling_ignored``).

    A version 1 file has none. The version changes although the step only fills in a default: a file that
    holds the new field must make an older Inspector say "made by a newer version", not "damaged".
    """
    inspection = document.get("inspection")
    if isinstance(inspection, dict):
        inspection.setdefault("spelling_ignored", [])
    return document


@registry.register(from_version=2)
def add_marking_and_figure_images(document: Document) -> Document:
    """Format 3 adds the inspection's protective marking (with the markings its framework offers) and a
    figure's image and alternative text.

    A version 2 file gets the default marking, "OFFICIAL-SENSITIVE", as a new inspection does: an
    inspection's draft findings are marked unless the inspector says otherwise. Its figures have no image.
    """
    inspection = document.get("inspection")
    if isinstance(inspection, dict):
        inspection.setdefault("marking", "OFFICIAL-SENSITIVE")
    return document


@registry.register(from_version=3)
def add_layout_as_data(document: Document) -> Document:
    """Format 4 adds the layout as data, the framework's own finding kinds and the force page.

    A version 3 file has none of them: its framework's ``report.layout`` names a preset that prints what
    it printed before, its questions have no findings of other kinds, and it has no observations.
    """
    return document


@registry.register(from_version=4)
def add_team_section(document: Document) -> Document:
    """Format 5 adds the team section of a team's file (its members, its parent, the CRDT history).

    A version 4 file is no team's file: it has no section, which is how a file without a team stays. The
    version changes so that an older Inspector says "made by a newer version" of a team's file rather
    than "damaged", and never saves it back without its history.
    """
    return document


@registry.register(from_version=5)
def add_review_comments_and_sign_off(document: Document) -> Document:
    """Format 6 adds reviewers' comments on findings and who signed the report off, and when.

    A version 5 file has no comments; a final one was signed off by nobody on record (the checks say so).
    """
    return document
