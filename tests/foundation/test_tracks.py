"""Track definitions: the shipped ones are sound, broken personal ones are named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerlog.domain.career.tracks import TrackFileError, load_track_file
from careerlog.services.tracks import choose_track, current_choice, load_catalogue, track_history

GOOD = """
schema = 1
key = "my-ladder"
name = "My employer's ladder"
summary = "Our own levels."
[[levels]]
key = "l1"
name = "Level one"
[[levels]]
key = "l2"
name = "Level two"
[[competencies]]
key = "shipping"
name = "Shipping"
group = "craft"
expected = [2, 3]
signals = ["ships small changes often", "keeps the build green"]
"""


def test_builtin_tracks_are_complete() -> None:
    catalogue = load_catalogue()
    assert catalogue.problems == ()
    keys = {t.key for t in catalogue.tracks}
    assert keys == {"management", "technical", "technical-leadership", "support"}
    for track in catalogue.tracks:
        assert 3 <= len(track.levels) <= 5, track.key
        assert 6 <= len(track.competencies) <= 12, track.key
        for comp in track.competencies:
            assert list(comp.expected) == sorted(comp.expected), (track.key, comp.key)
            assert 2 <= len(comp.signals) <= 4, (track.key, comp.key)
    management = catalogue.get("management")
    assert [lv.key for lv in management.levels] == ["junior", "middle", "senior"]
    names = " ".join(c.name.lower() for c in management.competencies)
    for skill in ("persuasion", "resource", "presentation", "supervision", "decision"):
        assert skill in names


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('key = "x"\nname = \n', "line 2"),
        (GOOD.replace("expected = [2, 3]", "expected = [2]"), "competencies[0].expected"),
        (GOOD.replace("expected = [2, 3]", "expected = [2, 9]"), "1 to 5"),
        (GOOD.replace('key = "l2"', 'key = "l1"'), "two levels share a key"),
        (
            GOOD.replace('group = "craft"', 'group = "craft"\ncolour = "red"'),
            "competencies[0].colour: unknown key",
        ),
        (GOOD.replace('key = "my-ladder"', 'key = "My Ladder"'), "key: 'My Ladder'"),
        (GOOD.replace("schema = 1", "schema = 7"), "schema"),
        (GOOD.split("[[competencies]]")[0], "competencies: expected one or more"),
    ],
)
def test_broken_file_errors_name_file_and_spot(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path, "bad.toml", text)
    with pytest.raises(TrackFileError) as caught:
        load_track_file(path)
    assert str(path) in str(caught.value)
    assert needle in str(caught.value)


def test_personal_tracks_listed_beside_builtins_and_broken_ones_reported(
    isolated_home: Path,
) -> None:
    folder = isolated_home / "config" / "careerlog" / "tracks"
    write(folder, "ladder.toml", GOOD)
    write(folder, "clash.toml", GOOD.replace('key = "my-ladder"', 'key = "management"'))
    write(folder, "binary.toml", "\udcff") if False else (folder / "binary.toml").write_bytes(
        b"\xff\xfe\x00"
    )
    catalogue = load_catalogue()
    ladder = catalogue.get("my-ladder")
    assert ladder.origin.endswith("ladder.toml")
    assert len([t for t in catalogue.tracks if t.key == "management"]) == 1
    problems = "\n".join(catalogue.problems)
    assert "clash.toml" in problems and "already used" in problems
    assert "binary.toml" in problems and "UTF-8" in problems


def test_choice_keeps_a_snapshot_when_the_file_changes_later(store, isolated_home) -> None:
    folder = isolated_home / "config" / "careerlog" / "tracks"
    path = write(folder, "ladder.toml", GOOD)
    choose_track(store, "my-ladder", "l2", reason="new job")
    path.write_text(GOOD.replace('name = "Shipping"', 'name = "Renamed later"'))
    choice = current_choice(store)
    assert choice is not None
    assert choice.track.competencies[0].name == "Shipping"
    assert choice.level.name == "Level two"
    assert choice.reason == "new job"


def test_history_keeps_every_switch_newest_first(store) -> None:
    choose_track(store, "technical", "senior", reason="start")
    choose_track(store, "technical-leadership", "lead", reason="I want to lead")
    history = track_history(store)
    assert [(c.track.key, c.level_key, c.reason) for c in history] == [
        ("technical-leadership", "lead", "I want to lead"),
        ("technical", "senior", "start"),
    ]
