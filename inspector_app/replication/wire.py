"""Yrs's binary update format (v1), read in Python before Yrs ever sees bytes from another machine.

Yrs trusts what it decodes: an update with a broken UTF-8 string crashes the whole process (a segfault,
not an exception — found by mutating one byte of a state). So every update from outside (a change file, a
state in a file) is first walked here, field by field, and refused with :class:`WireError` unless it is
well formed and holds only what Inspector's documents hold: items of text, JSON values ("any"), deletions
and the three shared types (array, map, text); no XML, sub-documents, formatting, embeds or binary.

Also the state vector codec (client id → clock), which the change files use to say what they hold.
"""

from __future__ import annotations

#: Clocks, lengths and client ids above this are not from a real document (JavaScript's safe integers).
_LIMIT = 2**53
_MAX_DEPTH = 32

# Item content kinds (the low five bits of an item's info byte) Inspector's documents use.
_GC, _DELETED, _STRING, _TYPE, _ANY, _SKIP = 0, 1, 4, 7, 8, 10
#: Shared types: array, map, text.
_TYPE_REFS = frozenset({0, 1, 2})


class WireError(ValueError):
    """The bytes are not a well-formed update (or state vector) of an Inspector document."""


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = memoryview(data)
        self.size = len(data)
        self.at = 0

    def done(self) -> bool:
        return self.at >= len(self.data)

    def byte(self) -> int:
        if self.at >= len(self.data):
            raise WireError("it ends part-way through")
        value = self.data[self.at]
        self.at += 1
        return value

    def uint(self) -> int:
        # Locals, not self.byte(): a 10,000-item state holds millions of these numbers.
        data, at, size = self.data, self.at, self.size
        value = shift = 0
        while True:
            if at >= size:
                raise WireError("it ends part-way through")
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                break
            shift += 7
            if shift > 63:
                raise WireError("a number in it is too long")
        self.at = at
        if value >= _LIMIT:
            raise WireError("a number in it is too large")
        return value

    def signed(self) -> None:
        byte = self.byte()
        shift = 6
        while byte & 0x80:
            byte = self.byte()
            shift += 7
            if shift > 70:
                raise WireError("a number in it is too long")

    def id(self) -> None:
        """An item's id: client, clock."""
        self.uint()
        self.uint()

    def take(self, count: int) -> memoryview:
        if count > len(self.data) - self.at:
            raise WireError("it ends part-way through")
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk

    def string(self) -> str:
        chunk = self.take(self.uint())
        try:
            return bytes(chunk).decode("utf-8")
        except UnicodeDecodeError:
            raise WireError("a text in it is not valid UTF-8") from None

    def any(self, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise WireError("a value in it is nested too deeply")
        kind = self.byte()
        if kind in (127, 126, 121, 120):  # undefined, null, false, true
            return
        if kind == 125:
            self.signed()
        elif kind == 124:
            self.take(4)
        elif kind in (123, 122):
            self.take(8)
        elif kind == 119:
            self.string()
        elif kind == 118:
            for _ in range(self.count()):
                self.string()
                self.any(depth + 1)
        elif kind == 117:
            for _ in range(self.count()):
                self.any(depth + 1)
        elif kind == 116:
            self.take(self.uint())
        else:
            raise WireError("a value in it is of an unknown kind")

    def count(self) -> int:
        """A count of things that follow, each at least one byte: never more than the bytes left."""
        value = self.uint()
        if value > len(self.data) - self.at:
            raise WireError("it ends part-way through")
        return value

    def length(self) -> int:
        value = self.uint()
        if value == 0:
            raise WireError("it holds an empty piece")
        return value


def check_update(data: bytes) -> None:
    """Raise WireError unless ``data`` is a well-formed v1 update of the kind Inspector writes."""
    reader = _Reader(data)
    for _ in range(reader.count()):
        structs = reader.count()
        reader.uint()  # client
        clock = reader.uint()
        for _ in range(structs):
            clock += _struct(reader)
            if clock >= _LIMIT:
                raise WireError("a clock in it is too large")
    _delete_set(reader)
    if not reader.done():
        raise WireError("it goes on after its end")


def _struct(reader: _Reader, place: list[str] | None = None) -> int:
    """Read one struct; its length in clock ticks. With ``place``: when the item names a root type as its
    parent (an item with neither origin), ``place`` is given that root's name and the item's map key."""
    info = reader.byte()
    kind = info & 0x1F
    if kind in (_GC, _SKIP):
        return reader.length()
    if info & 0x80:
        reader.id()  # origin
    if info & 0x40:
        reader.id()  # right origin
    if not info & 0xC0:
        if reader.uint() == 1:
            root = reader.string()  # a root type's name
            if place is not None and info & 0x20 and kind == _TYPE:
                place[:] = [root, reader.string()]  # a shared type under that key of a root map
                reader.uint()  # its type ref
                return 1
        else:
            reader.id()  # the parent item
        if info & 0x20:
            reader.string()  # the key in a map
    if kind == _DELETED:
        return reader.length()
    if kind == _STRING:
        text = reader.string()
        if not text:
            raise WireError("it holds an empty piece")
        # Yrs counts a text item in UTF-16 units.
        return len(text.encode("utf-16-le")) // 2
    if kind == _TYPE:
        if reader.uint() not in _TYPE_REFS:
            raise WireError("it holds a shared type Inspector does not use")
        return 1
    if kind == _ANY:
        values = reader.count()
        if values == 0:
            raise WireError("it holds an empty piece")
        for _ in range(values):
            reader.any()
        return values
    raise WireError("it holds content of a kind Inspector does not write")


def root_map_types(data: bytes, root: str) -> dict[str, int]:
    """For each key of the root map ``root`` under which ``data`` (an update, trusted: of this app's own
    document) creates a shared type, the client id that created it.

    Only the entries that name their parent are found: Yrs writes the parent of an item that has no origin,
    which a map entry has when its key was not set before (a later write of the key names the entry it
    replaces instead). Inspector sets a record's entry once, when it makes the record."""
    reader = _Reader(data)
    found: dict[str, int] = {}
    place: list[str] = []
    for _ in range(reader.count()):
        structs = reader.count()
        client = reader.uint()
        reader.uint()  # clock
        for _ in range(structs):
            _struct(reader, place)
            if place:
                if place[0] == root:
                    found[place[1]] = client
                place.clear()
    return found


def _delete_set(reader: _Reader) -> None:
    for _ in range(reader.count()):
        reader.uint()  # client
        for _ in range(reader.count()):
            clock = reader.uint()
            if clock + reader.length() >= _LIMIT:
                raise WireError("a deletion in it is out of range")


def decode_state_vector(data: bytes) -> dict[int, int]:
    """A state vector's clocks by client id; WireError when it is not one."""
    reader = _Reader(data)
    vector: dict[int, int] = {}
    for _ in range(reader.count()):
        client = reader.uint()
        vector[client] = reader.uint()
    if not reader.done():
        raise WireError("it goes on after its end")
    return vector


def encode_state_vector(vector: dict[int, int]) -> bytes:
    out = bytearray()

    def uint(value: int) -> None:
        while value >= 0x80:
            out.append((value & 0x7F) | 0x80)
            value >>= 7
        out.append(value)

    uint(len(vector))
    for client, clock in sorted(vector.items()):
        uint(client)
        uint(clock)
    return bytes(out)


__all__ = ["WireError", "check_update", "decode_state_vector", "encode_state_vector", "root_map_types"]
