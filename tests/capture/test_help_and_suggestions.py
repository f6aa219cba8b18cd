"""Help on every option, and "did you mean" for mistyped commands, choices, options and
keys."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from careerlog.cli.parser import build_parser
from tests.capture.conftest import Cli, one_line_error


def _options(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, argparse.Action]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _options(child, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


def test_every_argument_of_every_command_has_help() -> None:
    found = list(_options(build_parser(), "careerlog"))
    assert len(found) > 60
    missing = [f"{path} {a.option_strings or a.dest}" for path, a in found if not a.help]
    assert missing == []


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (("serch", "budget"), "invalid choice: 'serch' (did you mean 'search'?)"),
        (("goal", "pasue", "1"), "did you mean 'pause'?"),
        (("goal", "milestone", "dnoe", "1", "1"), "did you mean 'done'?"),
        (("add", "x", "--tagz", "work"), "did you mean '--tag'?"),
        (("export", "--format", "htm"), "did you mean 'html'?"),
        (("import", "dayon", "x.json"), "did you mean 'dayone'?"),
        (
            ("track", "choose", "managment"),
            "unknown track 'managment' (did you mean 'management'?)",
        ),
        (("track", "choose", "management", "--level", "senoir"), "did you mean 'senior'?"),
        (("learn", "x", "--kind", "boook"), "did you mean 'book'?"),
        (("goal", "add", "x", "--competency", "comunication"), "did you mean 'communication'?"),
        (("search", "x", "--kind", "entires"), "did you mean 'entry'?"),
    ],
)
def test_a_mistake_suggests_the_nearest_word(cl: Cli, argv: tuple[str, ...], hint: str) -> None:
    cl("add", "a store to work on")
    if "--competency" in argv:  # competencies are those of the chosen track
        cl("track", "choose", "technical")
    assert hint in one_line_error(cl(*argv))


def test_nothing_close_suggests_nothing(cl: Cli) -> None:
    err = one_line_error(cl("frobnicate"))
    assert "did you mean" not in err and "choose from 'add'" in err
