"""Export → import into an empty store → export gives the same document."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from careerlog.domain.errors import CareerlogError
from careerlog.io.export.to_json import export_json
from careerlog.io.importers.careerlog import import_careerlog
from careerlog.services.exchange.importing import count_records
from careerlog.services.journal import recent_entries
from careerlog.store.db import Store


def _without_clock(text: str) -> dict[str, object]:
    data = json.loads(text)
    data.pop("exported_at")
    return data  # type: ignore[no-any-return]


def test_full_export_round_trips_every_kind_of_record(
    filled: Store, other: Store, tmp_path: Path
) -> None:
    first = export_json(filled)
    file = tmp_path / "backup.json"
    file.write_text(first, encoding="utf-8")

    report = import_careerlog(other, file)

    assert report.imported == {
        "track_choices": 2,
        "goals": 3,
        "activities": 2,
        "entries": 4,
        "reflections": 2,
        "fit_results": 1,
    }
    assert report.skipped == ()
    assert _without_clock(export_json(other)) == _without_clock(first)
    data = json.loads(first)
    assert data["format"] == "careerlog" and data["schema_version"] == 2 and data["range"] is None
    entry = next(e for e in data["entries"] if e["starred"] and "café" in e["text"])
    assert "\n\nSecond paragraph: 日本語のテキスト." in entry["text"]
    assert entry["tags"] == ["focus", "mentoring"]
    goal = next(g for g in data["goals"] if g["title"] == "Lead the Ω migration")
    assert [m["title"] for m in goal["milestones"]] == ["Plan", "Ship 🚀"]
    assert goal["milestones"][0]["done_at"] is not None
    version = data["track_versions"][0]["id"]
    assert goal["competencies"] == [
        {"track": "management", "key": "communication", "version": version},
        {"track": "management", "key": "team-leadership", "version": version},
    ]
    reflection = data["reflections"][0]
    assert reflection["stance"] == 30 and reflection["ratings"] == {
        "communication": 2,
        "team-leadership": 3,
    }
    assert "中文" in reflection["answers"][0]["answer"]
    assert data["track_choices"][0]["track"]["definition"]["key"] == "management"
    assert data["fit_results"][0]["scores"] == {"management": 80, "technical": 40}
    # The imported store really holds the records, searchable and readable.
    texts = [e.text for e in recent_entries(other, limit=10)]
    assert entry["text"] in texts


def test_importing_the_same_export_twice_adds_nothing(
    filled: Store, other: Store, tmp_path: Path
) -> None:
    file = tmp_path / "backup.json"
    file.write_text(export_json(filled), encoding="utf-8")
    import_careerlog(other, file)
    before = count_records(other)

    again = import_careerlog(other, file)

    assert again.total == 0
    assert count_records(other) == before
    assert all(s.why == "already in the store" for s in again.skipped)
    assert len(again.skipped) == before


def test_a_year_export_holds_only_that_year(filled: Store) -> None:
    data = json.loads(export_json(filled, date(2024, 1, 1), date(2024, 12, 31)))
    assert data["range"] == {"from": "2024-01-01", "to": "2024-12-31"}
    assert {e["written_at"][:4] for e in data["entries"]} == {"2024"}
    assert data["summary"]["title"] == "2024 in review"
    assert data["summary"]["writing"]["entries"] == 3


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("{not json", "is not valid JSON (line 1"),
        ('{"format": "other"}', "is not a careerlog export"),
        ('{"format": "careerlog", "schema_version": 99}', "newer than this careerlog"),
        (
            '{"format": "careerlog", "schema_version": 1, "entries": '
            '[{"written_at": "yesterday", "text": "x"}]}',
            "entries[0].written_at should be a date-time",
        ),
    ],
)
def test_a_malformed_export_imports_nothing_and_says_why(
    other: Store, tmp_path: Path, content: str, said: str
) -> None:
    file = tmp_path / "bad.json"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(CareerlogError, match=said.replace("(", r"\(").replace("[", r"\[")):
        import_careerlog(other, file)
    assert count_records(other) == 0


def test_a_file_breaking_a_rule_half_way_leaves_the_store_untouched(
    filled: Store, other: Store, tmp_path: Path
) -> None:
    data = json.loads(export_json(filled))
    data["entries"][-1]["tags"] = ["dup", "dup2"]
    data["goals"][0]["milestones"][0]["position"] = "first"
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CareerlogError, match=r"milestones\[0\]\.position"):
        import_careerlog(other, file)
    assert count_records(other) == 0


def test_twin_records_each_survive_the_round_trip(
    filled: Store, other: Store, tmp_path: Path
) -> None:
    """Two goals, activities, reflections... with the same name and moment are two records."""
    data = json.loads(export_json(filled))
    for kind in ("goals", "activities", "reflections", "fit_results", "track_choices", "entries"):
        twin = dict(data[kind][0])
        twin["id"] = max(r["id"] for r in data[kind]) + 100
        data[kind].append(twin)
    file = tmp_path / "twins.json"
    file.write_text(json.dumps(data), encoding="utf-8")

    first = import_careerlog(other, file)

    assert first.skipped == ()
    assert first.imported == {
        "track_choices": 3,
        "goals": 4,
        "activities": 3,
        "entries": 5,
        "reflections": 3,
        "fit_results": 2,
    }
    again = import_careerlog(other, file)
    assert again.total == 0 and len(again.skipped) == 20
