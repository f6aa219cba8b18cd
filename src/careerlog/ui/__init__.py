"""The Textual UI. Imported only when the TUI opens."""

from __future__ import annotations


def run(db: str | None) -> int:
    from careerlog.ui.app import CareerlogApp

    app = CareerlogApp(db)
    app.run()
    return app.return_code or 0
