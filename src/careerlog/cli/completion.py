"""Shell completion for bash, zsh and fish.

``careerlog completion SHELL`` prints a script to source; the script asks
``careerlog __complete WORD…`` (the words typed so far, the last one partial) for
candidates, one per line, "value<TAB>description" where a description helps. The
commands and options come from the parser itself; track and competency keys from the
tracks; goal ids, entry ids and tags from the store, read without writing. Only this
module knows about completion, and ``main`` imports it only for ``__complete``, so
``careerlog add`` pays nothing for it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerlog.cli.argparsing import Sub

HIDDEN = "__complete"
SHELLS = ("bash", "zsh", "fish")

_BASH = """\
# careerlog completion for bash: eval "$(careerlog completion bash)"
_careerlog() {
    local IFS=$'\\n'
    local words=("${COMP_WORDS[@]:1:COMP_CWORD}")
    COMPREPLY=($(careerlog __complete "${words[@]}" 2>/dev/null | cut -f1))
    if [[ ${#COMPREPLY[@]} -eq 0 ]]; then
        COMPREPLY=($(compgen -f -- "${COMP_WORDS[COMP_CWORD]}"))
    fi
}
complete -o filenames -F _careerlog careerlog
"""

_ZSH = """\
#compdef careerlog
# careerlog completion for zsh: eval "$(careerlog completion zsh)"
_careerlog() {
    local -a found
    found=("${(@f)$(careerlog __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    found=("${(@)found:#}")
    found=("${(@)found//$'\\t'/:}")
    if (( ${#found} )); then
        _describe 'careerlog' found
    else
        _files
    fi
}
compdef _careerlog careerlog
"""

_FISH = """\
# careerlog completion for fish: careerlog completion fish | source
function __careerlog_complete
    set -l words (commandline -opc)[2..-1] (commandline -ct)
    careerlog __complete $words 2>/dev/null
end
complete -c careerlog -f -a '(__careerlog_complete)'
"""


def script(shell: str) -> str:
    """The completion script to source in ``shell``."""
    return {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}[shell]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _option(parser: argparse.ArgumentParser, word: str) -> argparse.Action | None:
    for action in parser._actions:
        if word in action.option_strings:
            return action
    return None


class _Context:
    """Where the words typed so far lead: the command path, the parser reached, the
    positional words given to it, and ``--db``."""

    def __init__(self, words: Sequence[str]) -> None:
        from careerlog.cli.parser import build_parser

        self.parser: argparse.ArgumentParser = build_parser()
        self.path: list[str] = []
        self.positionals: list[str] = []
        self.db: str | None = None
        self.pending: argparse.Action | None = None
        for word in words:
            if self.pending is not None:
                if self.pending.dest == "db":
                    self.db = word
                self.pending = None
                continue
            if word.startswith("-"):
                action = _option(self.parser, word.split("=")[0])
                if action is not None and action.nargs != 0 and "=" not in word:
                    self.pending = action
                continue
            children = _subparsers(self.parser)
            if word in children and not self.positionals:
                self.parser = children[word]
                self.path.append(word)
            else:
                self.positionals.append(word)


def _store_rows(db: str | None, sql: str) -> list[tuple[object, ...]]:
    """Rows from an up-to-date SQLite store, read only; nothing for anything else (a
    missing store is never created by completing)."""
    from careerlog.store import sqlite
    from careerlog.store.files.sqlite_file import readable_file, resolve_location

    try:
        path = readable_file(resolve_location(db))
        if path is None:
            return []
        con = sqlite.connect(path, "read")
        try:
            return list(con.execute(sql).fetchall())
        finally:
            con.close()
    except Exception:  # completion must never print an error into the command line
        return []


def _tags(db: str | None) -> list[str]:
    return [str(r[0]) for r in _store_rows(db, "SELECT DISTINCT tag FROM entry_tag ORDER BY tag")]


def _goals(db: str | None) -> list[str]:
    rows = _store_rows(db, "SELECT id, status, title FROM goal ORDER BY id")
    return [f"{r[0]}\t{r[1]}: {str(r[2])[:50]}" for r in rows]


def _entries(db: str | None) -> list[str]:
    rows = _store_rows(
        db,
        "SELECT id, substr(written_at, 1, 16), substr(text, 1, 50) FROM entry "
        "ORDER BY written_at DESC, id DESC LIMIT 30",
    )
    return [f"{r[0]}\t{r[1]} {' '.join(str(r[2]).split())}" for r in rows]


def _tracks() -> list[tuple[str, str, list[str], list[str]]]:
    """Each track's key, name, level keys and competency keys."""
    try:
        from careerlog.services.tracks import load_catalogue  # only to complete a key

        return [
            (t.key, t.name, [lv.key for lv in t.levels], [c.key for c in t.competencies])
            for t in load_catalogue().tracks
        ]
    except Exception:  # a broken personal track file must not break the command line
        return []


def _competencies(db: str | None) -> list[str]:
    chosen = _store_rows(
        db,
        "SELECT s.key FROM track_choice c JOIN track_snapshot s ON s.id = c.snapshot_id "
        "ORDER BY c.chosen_at DESC, c.id DESC LIMIT 1",
    )
    tracks = _tracks()
    keys = [comps for key, _, _, comps in tracks if chosen and key == chosen[0][0]]
    return sorted({c for comps in (keys or [t[3] for t in tracks]) for c in comps})


def _option_values(action: argparse.Action, context: _Context) -> Iterable[str]:
    name = action.option_strings[-1]
    if action.choices:
        return [str(c) for c in action.choices]
    if name in ("--tag", "--not-tag"):
        return _tags(context.db)
    if name == "--competency":
        return _competencies(context.db)
    if name == "--goal":
        return _goals(context.db)
    if name == "--kind":
        if context.path[:1] == ["learn"]:
            from careerlog.domain.model import ActivityKind

            return [k.value for k in ActivityKind]
        return ["entry", "goal", "activity", "reflection"]
    if name == "--level" and context.path == ["track", "choose"] and context.positionals:
        return next(
            (levels for key, _, levels, _ in _tracks() if key == context.positionals[0]), []
        )
    return []


def _positional_values(context: _Context) -> Iterable[str]:
    path, given = context.path, len(context.positionals)
    if path == ["track", "choose"] and given == 0:
        return [f"{key}\t{name}" for key, name, _, _ in _tracks()]
    by_goal_id = path[:2] in (
        ["goal", "done"],
        ["goal", "pause"],
        ["goal", "drop"],
        ["goal", "reopen"],
    )
    if given == 0 and (by_goal_id or (path[:2] == ["goal", "milestone"] and len(path) == 3)):
        return _goals(context.db)
    if given == 0 and path in (["show"], ["edit"], ["delete"]):
        return _entries(context.db)
    if path == ["learn"] and given == 0:
        return ["list\tlist the activities"]
    positionals = [
        a
        for a in context.parser._actions
        if not a.option_strings and not isinstance(a, argparse._SubParsersAction)
    ]
    choices = positionals[given].choices if given < len(positionals) else None
    return [str(c) for c in choices or ()]


def candidates(words: Sequence[str]) -> list[str]:
    """What may come next after ``words`` (the last one is the partial word)."""
    *done, partial = list(words) or [""]
    context = _Context(done)
    if context.pending is not None:
        found = list(_option_values(context.pending, context))
    elif partial.startswith("-"):
        found = [
            f"{s}\t{a.help or ''}".rstrip("\t")
            for a in context.parser._actions
            if a.help != argparse.SUPPRESS
            for s in a.option_strings
            if s.startswith("--")
        ]
    else:
        children = _subparsers(context.parser)
        if children and not context.positionals:
            helps = {
                choice.dest: choice.help
                for action in context.parser._actions
                if isinstance(action, argparse._SubParsersAction)
                for choice in action._choices_actions
            }
            found = [f"{name}\t{helps.get(name) or ''}".rstrip("\t") for name in children]
        else:
            found = list(_positional_values(context))
    return [c for c in found if c.split("\t")[0].startswith(partial)]


def complete(words: Sequence[str]) -> int:
    from careerlog.domain.text import printable

    for line in candidates(words):
        # Tags and titles come from the store: the shell shows them, so sanitise them.
        sys.stdout.write(f"{printable(line)}\n")
    return 0


def add_parser(sub: Sub) -> None:
    """``careerlog completion SHELL`` (called from cli/parser.py)."""
    completion = sub.add_parser(
        "completion",
        help="print shell completion for bash, zsh or fish",
        description='bash: eval "$(careerlog completion bash)" in ~/.bashrc; zsh: the same '
        "with zsh in ~/.zshrc; fish: careerlog completion fish | source",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    completion.set_defaults(handler=cmd_completion)


def cmd_completion(args: argparse.Namespace) -> int:
    sys.stdout.write(script(args.shell))
    return 0
