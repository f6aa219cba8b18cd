"""Frozen records, made without :mod:`dataclasses`: the one rule for careerlog's domain
records (:mod:`careerlog.domain.model`).

Why not ``@dataclass(frozen=True, slots=True)``: the model's records are created on
every command's start and before the TUI's first frame, and ``@dataclass`` builds each
class twice (``slots``) and compiles three to six methods for it with ``exec``
(~0.3-0.5 ms a class, ~5 ms for the model), after importing :mod:`dataclasses` and
:mod:`inspect` (~6 ms) for commands such as the export that need nothing else of them.
Here a class is made once, with ``__slots__``, and only its ``__init__`` is compiled;
equality, hashing, ordering and repr are written once, below, for every record.

A record behaves as the frozen slotted dataclass it replaces: fields in order, with
defaults and ``field(default_factory=…)``, then ``__post_init__`` if the class has one;
assigning or deleting a field raises :class:`FrozenRecordError` (an ``AttributeError``);
equal only to a record of the same class whose compared fields are equal
(``field(compare=False)`` takes no part), hashed by those fields; ordered by them when
the class says ``order=True``; shown as ``Entry(id=1, written_at=..., ...)``;
``__match_args__``, pickle and copy work. :func:`fields_of` names a record's fields and
:func:`replace` makes a changed copy (what ``dataclasses.fields`` and
``dataclasses.replace`` were used for).

Standard library only, and typed: mypy reads the class keywords and the fields
through :func:`typing.dataclass_transform`.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar, TypeVar, dataclass_transform, get_origin


class FrozenRecordError(AttributeError):
    """A record's field was assigned or deleted."""


class _Missing:
    __slots__ = ()


_MISSING: Any = _Missing()


class _Field:
    __slots__ = ("compare", "default", "factory")

    def __init__(self, default: Any, factory: Callable[[], Any] | None, compare: bool) -> None:
        self.default, self.factory, self.compare = default, factory, compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    compare: bool = True,
) -> Any:
    """A field's default (or a factory for a fresh one per record), and whether it takes
    part in equality, hashing and ordering."""
    return _Field(default, default_factory, compare)


def _init_source(
    names: list[str], specs: dict[str, _Field], post_init: bool
) -> tuple[str, dict[str, Any]]:
    """The text of a record's ``__init__`` and the names it refers to; with ``post_init``
    it ends by calling the record's ``__post_init__`` (a check of the fields together)."""
    scope: dict[str, Any] = {"_set": object.__setattr__, "_MISSING": _MISSING}
    params, body = [], []
    for name in names:
        spec = specs[name]
        if spec.factory is not None:
            scope[f"_factory_{name}"] = spec.factory
            params.append(f"{name}=_MISSING")
            value = f"_factory_{name}() if {name} is _MISSING else {name}"
        elif spec.default is not _MISSING:
            scope[f"_default_{name}"] = spec.default
            params.append(f"{name}=_default_{name}")
            value = name
        else:
            if params and "=" in params[-1]:
                raise TypeError(f"non-default field {name!r} follows a default field")
            params.append(name)
            value = name
        body.append(f"    _set(self, {name!r}, {value})")
    if post_init:
        body.append("    self.__post_init__()")
    lines = [f"def __init__(self, {', '.join(params)}):", *(body or ["    pass"])]
    return "\n".join(lines), scope


def _is_class_var(annotation: object) -> bool:
    """Whether an annotation says ``ClassVar``: as text (``from __future__ import
    annotations``, ``"ClassVar[int]"`` or ``"typing.ClassVar[int]"``) or as the type."""
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


@dataclass_transform(
    eq_default=True, order_default=False, frozen_default=True, field_specifiers=(field,)
)
class _RecordType(type):
    def __new__(
        mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any], *, order: bool = False
    ) -> _RecordType:
        annotations: dict[str, Any] = ns.get("__annotations__", {})
        names = [n for n, kind in annotations.items() if not _is_class_var(kind)]
        specs: dict[str, _Field] = {}
        for field_name in names:
            given = ns.pop(field_name, _MISSING)
            specs[field_name] = given if isinstance(given, _Field) else _Field(given, None, True)
        ns["__slots__"] = tuple(names)
        ns["__match_args__"] = tuple(names)
        ns["_record_fields"] = tuple(names)
        compared = [n for n in names if specs[n].compare]
        getter = attrgetter(*compared) if len(compared) > 1 else None
        ns["_compared"] = staticmethod(
            getter or (lambda record: tuple(getattr(record, n) for n in compared))
        )
        if names:
            post_init = "__post_init__" in ns or any(hasattr(b, "__post_init__") for b in bases)
            source, scope = _init_source(names, specs, post_init)
            exec(source, scope)
            init = scope["__init__"]
            init.__qualname__ = f"{ns.get('__qualname__', name)}.__init__"
            ns["__init__"] = init
        if order:
            ns.update(_ORDER)
        return super().__new__(mcs, name, bases, ns)


class Record(metaclass=_RecordType):
    """The base of every record (see the module's docstring)."""

    __slots__ = ()
    _record_fields: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[Callable[[Any], Any]]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            compared = self.__class__._compared
            return bool(compared(self) == compared(other))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.__class__._compared(self))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_fields)
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenRecordError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenRecordError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return self.__class__, tuple(getattr(self, name) for name in self._record_fields)


def _ordering(compare: Callable[[Any, Any], bool]) -> Callable[[Record, object], Any]:
    def method(self: Record, other: object) -> Any:  # a bool, or NotImplemented
        if other.__class__ is self.__class__:
            compared = self.__class__._compared
            return compare(compared(self), compared(other))
        return NotImplemented

    return method


_ORDER = {
    "__lt__": _ordering(lambda a, b: a < b),
    "__le__": _ordering(lambda a, b: a <= b),
    "__gt__": _ordering(lambda a, b: a > b),
    "__ge__": _ordering(lambda a, b: a >= b),
}
"""The comparisons of a record made with ``order=True``: by its compared fields."""


def fields_of(record: Record | type[Record]) -> tuple[str, ...]:
    """The names of a record's fields, in order."""
    return record._record_fields


R = TypeVar("R", bound=Record)


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with the named fields changed; a name that is not a field is
    a ``TypeError``, as the constructor would say."""
    names = record._record_fields
    unknown = changes.keys() - set(names)
    if unknown:
        raise TypeError(f"{type(record).__qualname__} has no field {min(unknown)!r}")
    return record.__class__(**{n: changes.get(n, getattr(record, n)) for n in names})
