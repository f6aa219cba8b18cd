"""The exchange format and backups on both backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerlog.domain.errors import CareerlogError
from careerlog.io.export.to_json import export_json
from careerlog.io.importers.careerlog import import_careerlog
from careerlog.services.exchange.backup import backup
from careerlog.services.goals import add_goal
from careerlog.services.journal import add_entry
from careerlog.store.db import Store


def _without_clock(text: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(text)
    data.pop("exported_at")
    return data


def test_a_full_export_imports_into_either_backend_unchanged(
    filled: Store, any_store: Store, tmp_path: Path
) -> None:
    first = export_json(filled)
    file = tmp_path / "all.json"
    file.write_text(first, encoding="utf-8")
    import_careerlog(any_store, file)
    assert _without_clock(export_json(any_store)) == _without_clock(first)
    assert import_careerlog(any_store, file).total == 0
    # Ids were kept, and new records still get fresh ones (PostgreSQL sequences moved on).
    assert add_entry(any_store, "written after the import").id == 5
    assert add_goal(any_store, "a new goal").id == 4


def test_a_server_store_is_backed_up_as_the_full_json_export(
    filled: Store, any_store: Store, tmp_path: Path
) -> None:
    file = tmp_path / "all.json"
    file.write_text(export_json(filled), encoding="utf-8")
    import_careerlog(any_store, file)
    target = tmp_path / ("copy.json" if any_store.path is None else "copy.db")

    made = backup(any_store, target)

    assert made.stat().st_mode & 0o777 == 0o600
    if any_store.path is None:
        data = json.loads(made.read_text(encoding="utf-8"))
        assert data["format"] == "careerlog" and data["range"] is None
        assert len(data["entries"]) == 4
    with pytest.raises(CareerlogError, match="already exists"):
        backup(any_store, target)
