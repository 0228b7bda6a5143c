"""Frozen records for the values that every command builds at start-up (limits, configuration, sections,
groups). A dataclass compiles its methods when its class is created, a millisecond or more each on these
machines, which `rolelint rules` and `explain` would pay before doing anything; a Record's methods are
shared, so declaring one costs nothing."""

from __future__ import annotations

from typing import Any, ClassVar


class Record:
    """Fields are the class's annotated attributes, each with its default. Instances are immutable,
    compare and hash by value, and pickle."""

    __slots__ = ()
    _fields: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        names = [n for n in cls.__dict__.get("__annotations__", {}) if not n.startswith("_")]
        cls._fields = {n: cls.__dict__[n] for n in names}
        for name in cls._fields:  # the defaults live in _fields; instances keep their values in __dict__
            delattr(cls, name)

    def __init__(self, *args, **values) -> None:
        names = list(self._fields)
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes at most {len(names)} values")
        values.update(zip(names, args))
        unknown = set(values) - set(names)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]!r}")
        for name, default in self._fields.items():
            object.__setattr__(self, name, values.get(name, default))

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _values(self) -> tuple:
        return tuple(getattr(self, n) for n in self._fields)

    def replace(self, **changes):
        """A copy with some fields changed."""
        return type(self)(**{**dict(zip(self._fields, self._values())), **changes})

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and other._values() == self._values()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in zip(self._fields, self._values()))})"

    def __reduce__(self):
        return (type(self), self._values())
