"""The domain's records behave as the frozen, slotted dataclasses they replaced: what
code holding one relies on (equality, hashing, ordering, defaults, copies, errors)."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from typing import ClassVar

import pytest

from careerlog.domain.career.progress import RatingPoint
from careerlog.domain.model import Level
from careerlog.domain.records import FrozenRecordError, Record, field, fields_of, replace


class Sample(Record):
    """A record with every kind of field: plain, defaulted, made fresh, left out of
    equality."""

    LIMIT: ClassVar[int] = 3
    name: str
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list, compare=False)
    seen: int = field(default=0, compare=False)


def test_fields_in_order_with_their_defaults_and_class_vars_left_out() -> None:
    one = Sample("a")
    assert fields_of(Sample) == ("name", "tags", "notes", "seen")
    assert (one.name, one.tags, one.notes, one.seen) == ("a", (), [], 0)
    assert Sample.LIMIT == 3
    assert Sample("b").notes is not one.notes  # a factory gives each record its own


def test_a_class_var_given_as_the_type_is_not_a_field() -> None:
    # A module without ``from __future__ import annotations`` hands the metaclass real
    # annotations, not strings.
    namespace = {"__annotations__": {"LIMIT": ClassVar[int], "name": str}, "LIMIT": 3}
    made = type(Record)("Made", (Record,), namespace)
    assert fields_of(made) == ("name",)
    assert made.LIMIT == 3 and made("a").name == "a"


def test_equal_and_hashed_by_compared_fields_of_the_same_class_only() -> None:
    assert Sample("a", seen=1) == Sample("a", seen=2)
    assert hash(Sample("a", seen=1)) == hash(Sample("a", seen=2))
    assert Sample("a") != Sample("b")
    assert Level("k", "n", "s") != ("k", "n", "s")
    assert {Level("k", "n", "s"), Level("k", "n", "s")} == {Level("k", "n", "s")}


def test_frozen_fields_and_no_new_attributes() -> None:
    level = Level("k", "n", "s")
    with pytest.raises(FrozenRecordError):
        level.name = "other"  # type: ignore[misc]
    with pytest.raises(FrozenRecordError):
        del level.name  # type: ignore[misc]
    with pytest.raises(AttributeError):
        level.extra = 1  # type: ignore[attr-defined]
    assert level.name == "n"


def test_order_when_asked_for() -> None:
    early = RatingPoint(date(2024, 1, 1), 9, "coaching", 2)
    late = RatingPoint(date(2025, 1, 1), 1, "coaching", 1)
    assert sorted([late, early]) == [early, late]
    assert early < late and late >= early
    with pytest.raises(TypeError):
        _ = Level("a", "b", "c") < Level("d", "e", "f")  # type: ignore[operator]


def test_constructor_errors_as_a_dataclass_gives_them() -> None:
    with pytest.raises(TypeError):
        Level("k", "n")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Level("k", "n", "s", name="twice")  # type: ignore[misc]
    with pytest.raises(TypeError, match="non-default field"):

        class Wrong(Record):
            first: int = 0
            second: int


def test_post_init_checks_new_records_and_copies() -> None:
    class Span(Record):
        start: int
        end: int

        def __post_init__(self) -> None:
            if self.start > self.end:
                raise ValueError("the start is after the end")

    assert Span(1, 2).end == 2
    with pytest.raises(ValueError, match="start is after"):
        Span(3, 2)
    with pytest.raises(ValueError, match="start is after"):
        replace(Span(1, 2), start=5)


def test_replace_copies_and_refuses_unknown_fields() -> None:
    one = Sample("a", tags=("x",))
    other = replace(one, name="b")
    assert (other.name, other.tags, one.name) == ("b", ("x",), "a")
    with pytest.raises(TypeError, match="no field 'nmae'"):
        replace(one, nmae="b")


def test_repr_pickle_copy_and_match() -> None:
    level = Level("k", "n", "s")
    assert repr(level) == "Level(key='k', name='n', summary='s')"
    assert pickle.loads(pickle.dumps(level)) == level
    assert copy.deepcopy(level) == level and copy.copy(level) == level
    match level:
        case Level(key, name, _):
            assert (key, name) == ("k", "n")
        case _:
            pytest.fail("a record matches by position")
