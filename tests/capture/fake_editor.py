"""A stand-in for $EDITOR, run by careerlog through a real terminal in the tests.

It records what it was given (path, mode, folder mode, whether stdin is a terminal,
the text) in $FAKE_EDITOR_LOG, then does what $FAKE_EDITOR_DO says:
``write:TEXT`` replaces the text, ``append:TEXT`` adds a line, ``empty`` empties the
file, ``keep`` saves it unchanged, ``fail`` exits 3 without saving.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

path = Path(sys.argv[-1])
info = path.stat()
log = Path(os.environ["FAKE_EDITOR_LOG"])
log.write_text(
    json.dumps(
        {
            "path": str(path),
            "mode": info.st_mode & 0o777,
            "folder_mode": path.parent.stat().st_mode & 0o777,
            "tty": os.isatty(0) and os.isatty(1),
            "text": path.read_text(encoding="utf-8"),
            "argv": sys.argv[1:-1],
        }
    ),
    encoding="utf-8",
)
action, _, text = os.environ.get("FAKE_EDITOR_DO", "keep").partition(":")
if action == "write":
    path.write_text(text.replace("\\n", "\n") + "\n", encoding="utf-8")
elif action == "append":
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")
elif action == "empty":
    path.write_text("\n", encoding="utf-8")
elif action == "fail":
    sys.exit(3)
