"""Frozen records for the footprint's path: what `@dataclass(frozen=True, slots=True)` gave
those classes, without importing `dataclasses` (with `inspect`, `ast`, `dis` and `tokenize`)
and generating each class's methods by `exec` at every start: a fifth of what
`diandian footprint ... --json` cost (issue 19).

A record class lists its fields in order in `FIELDS` (also its `__slots__`), writes its own
`__init__` (setting each field with `object.__setattr__`, as the dataclass's did) and names in
`DERIVED` the fields worked out in `__init__` (left out of equality, hash, repr and
`dataclasses.replace`). It compares, hashes and prints as the dataclass did, refuses assignment with
`dataclasses.FrozenInstanceError`, and still works with `dataclasses.fields`, `replace` and
`asdict`: their field descriptions are made (by `dataclasses.make_dataclass`) the first time
one of them asks, not at import.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _DataclassFields:
    """`__dataclass_fields__`, made when first read (dataclasses' functions read it)."""

    def __get__(self, instance: object, owner: type[Record]) -> dict[str, Any]:
        import dataclasses

        specs = [
            (name, "object", dataclasses.field(init=name not in owner.DERIVED))
            for name in owner.FIELDS
        ]
        made = dataclasses.make_dataclass(owner.__name__, specs, frozen=True)
        found: dict[str, Any] = made.__dataclass_fields__  # type: ignore[attr-defined]
        for name in owner.DERIVED:
            found[name].repr = found[name].compare = False
        type.__setattr__(owner, "__dataclass_fields__", found)  # made once per class
        return found


class Record:
    """A frozen record: equal, hashed and printed by its fields (`FIELDS`, its `__slots__`)."""

    __slots__ = ()
    FIELDS: tuple[str, ...] = ()  # in order; a record class makes them its __slots__
    DERIVED: tuple[str, ...] = ()  # fields __init__ works out: not compared, printed or given
    __dataclass_fields__ = _DataclassFields()

    def _values(self) -> tuple[Any, ...]:
        derived = self.DERIVED
        return tuple(getattr(self, name) for name in self.FIELDS if name not in derived)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        derived = self.DERIVED
        shown = (f"{n}={getattr(self, n)!r}" for n in self.FIELDS if n not in derived)
        return f"{type(self).__qualname__}({', '.join(shown)})"

    def __setattr__(self, name: str, value: object) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled and copied by its fields' values (derived ones included)."""
        return (_rebuild, (type(self), tuple(getattr(self, n) for n in self.FIELDS)))


def _rebuild(cls: type[Record], values: tuple[Any, ...]) -> Record:
    record = object.__new__(cls)
    for name, value in zip(cls.FIELDS, values, strict=True):
        object.__setattr__(record, name, value)
    return record
