"""The Textual UI. Imported only when the TUI opens.

The UI's own small records (a footer key, a list row, a palette command...) are
NamedTuples, not frozen dataclasses: the modules that define them are imported before
the first frame, and a NamedTuple takes ~0.1 ms to create there against ~0.5 ms.
"""

from __future__ import annotations

import gc
import shutil
import sys


def run(db: str | None, *, demo: bool = False) -> int:
    """Run the TUI until it quits; a crash or a store that cannot open ends in one line
    on stderr and exit code 1 (never a traceback with what the person wrote)."""
    # No garbage collection until the first frame is on screen (CareerlogApp turns it
    # back on): importing Textual and building the first screen set off gen-2 passes
    # over every object made so far, 20-30 ms before the first frame.
    gc.disable()
    from careerlog.ui.startup import FirstPage

    # Before Textual (~0.2 s) is imported: the newest page is read meanwhile, so the
    # first frame shows today's entries.
    first_page = FirstPage.for_tui(db, demo=demo)
    from careerlog.ui.app import CareerlogApp

    app = CareerlogApp(None if demo else db, demo=demo, first_page=first_page)
    try:
        app.run()
    finally:
        if app.demo_dir is not None:
            shutil.rmtree(app.demo_dir, ignore_errors=True)
    for message in (app.fatal_message, app.crash_message):
        if message:
            # On a line of its own, whatever the terminal was left showing.
            sys.stderr.write(f"\ncareerlog: {message}\n")
            return 1
    return app.return_code or 0
