"""Writing an entry in the person's own editor (``$VISUAL``, else ``$EDITOR``), as jrnl
and git do. Used by ``careerlog add``/``edit`` and by the TUI (which suspends itself
meanwhile).

The text goes to a new 0600 file in the private runtime folder and the file is removed
afterwards, unless saving the edited text failed: then it is kept and the error says
where, so no word typed is lost.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from careerlog import paths
from careerlog.domain.errors import CareerlogError


def editor_command() -> list[str]:
    """The editor to run, split as a shell would (``code --wait`` is two words)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError:
                raise CareerlogError(f"${name} is not a command line: {value!r}") from None
            if words:
                return words
    raise CareerlogError(
        "no editor set: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), "
        "or give the text as arguments"
    )


def _new_file(text: str) -> Path:
    """A new 0600 file in the private runtime folder, written whole by the atomic writer
    (which refuses a name that exists)."""
    from careerlog.atomic import write_text

    folder = paths.ensure_runtime_dir()
    return write_text(folder / f"entry-{os.getpid()}-{os.urandom(6).hex()}.md", text, replace=False)


def _run(command: list[str], path: Path) -> str:
    shown = " ".join(command)
    try:
        status = subprocess.run([*command, str(path)], check=False).returncode
    except FileNotFoundError:
        raise CareerlogError(
            f"cannot run the editor {shown!r}: not found; check $VISUAL or $EDITOR"
        ) from None
    except PermissionError:
        raise CareerlogError(f"cannot run the editor {shown!r}: not allowed") from None
    if status != 0:
        raise CareerlogError(
            f"the editor {shown!r} exited with status {status}; nothing was written"
        )
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CareerlogError("the editor removed the file; nothing was written") from None
    except UnicodeDecodeError:
        raise CareerlogError(
            "the editor saved text that is not UTF-8; nothing was written"
        ) from None


@contextmanager
def editing(initial: str) -> Iterator[str]:
    """Open ``initial`` in the editor and yield what the person saved.

    The file is removed when the ``with`` body ends; if the body fails with a
    :class:`CareerlogError` after the text was changed, the file stays and the error
    names it.
    """
    command = editor_command()
    path = _new_file(initial)
    try:
        text = _run(command, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    try:
        yield text
    except CareerlogError as error:
        if text.strip() and text != initial:
            raise CareerlogError(f"{error}; your text is kept in {path}") from None
        path.unlink(missing_ok=True)
        raise
    except BaseException:
        if not (text.strip() and text != initial):
            path.unlink(missing_ok=True)
        raise
    path.unlink(missing_ok=True)


def edit_text(initial: str) -> str:
    """Open ``initial`` in the editor and return what the person saved; the file is
    gone afterwards. The TUI calls this with the app suspended."""
    with editing(initial) as text:
        return text


def check_edited(text: str, initial: str, *, what: str = "the entry") -> str:
    """The saved text, unless it is empty or the same as what the editor was given."""
    if not text.strip():
        raise CareerlogError(f"{what} is empty; nothing was written")
    if text.strip() == initial.strip():
        raise CareerlogError(f"{what} is unchanged; nothing was written")
    return text.rstrip().lstrip("\n")
