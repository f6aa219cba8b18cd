"""The JSON export: complete and versioned. Without a range it is the lossless
backup format that ``careerlog import careerlog`` reads back."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from careerlog.services import Store
from careerlog.services.importing import document


def dumps(data: dict[str, Any]) -> str:
    """Stable text: the same document always gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_json(store: Store, start: date | None = None, end: date | None = None) -> str:
    return dumps(document(store, start, end))
