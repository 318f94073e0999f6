"""Values kept beside objects, by identity: indexes over pydantic models without storing them inside.

A pydantic model compares its private attributes in ``==`` and is not hashable, so an index cannot live
in the model (two equal inspections must stay equal whether or not one was indexed) nor in a
``WeakKeyDictionary``. A side table maps ``id(owner)`` to the value and forgets it when the owner dies.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class SideTable(Generic[K, V]):
    def __init__(self, make: Callable[[K], V]) -> None:
        self._make = make
        self._values: dict[int, tuple[weakref.ref[K], V]] = {}

    def get(self, owner: K) -> V:
        """The value for ``owner``, made on first use."""
        key = id(owner)
        entry = self._values.get(key)
        if entry is not None and entry[0]() is owner:
            return entry[1]
        value = self._make(owner)
        values = self._values

        def forget(_ref: weakref.ref[K]) -> None:
            current = values.get(key)
            if current is not None and current[0] is _ref:
                del values[key]

        self._values[key] = (weakref.ref(owner, forget), value)
        return value
