"""Shell completion: commands, options, track and competency keys, goal ids and tags,
through bash, zsh and fish themselves; and nothing of it on ``add``'s path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from careerlog.cli.completion import candidates
from tests.capture.conftest import Cli
from tests.foundation.test_layering import loaded_after

BIN = Path(sys.executable).parent


@pytest.fixture
def journal(cl: Cli, db: Path) -> Path:
    cl("add", "Shipped it @work @wins")
    cl("track", "choose", "technical")
    cl("goal", "add", "Lead the migration")
    return db


def values(words: list[str]) -> list[str]:
    return [line.split("\t")[0] for line in candidates(words)]


def test_candidates_cover_commands_options_keys_ids_and_tags(journal: Path) -> None:
    db = ["--db", str(journal)]
    assert values(["se"]) == ["search", "serve"]
    assert values(["goal", "p"]) == ["pause"]
    assert values([*db, "goal", "done", ""]) == ["1"]
    assert candidates([*db, "goal", "drop", ""]) == ["1\tactive: Lead the migration"]
    assert values([*db, "search", "--tag", "w"]) == ["wins", "work"]
    assert "--starred" in values(["search", "x", "--st"])
    assert values(["track", "choose", "technical-"]) == ["technical-leadership"]
    assert values(["track", "choose", "technical", "--level", "s"]) == ["senior"]
    comps = values([*db, "goal", "add", "x", "--competency", ""])
    assert "research" in comps and "team-leadership" not in comps  # the chosen track's
    assert values(["learn", "x", "--kind", "men"]) == ["mentoring-given", "mentoring-received"]
    assert values(["import", "d"]) == ["dayone"]
    assert values([*db, "show", ""]) == ["1"]


def test_completing_never_creates_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "x.db"
    assert values(["--db", str(missing), "goal", "done", ""]) == []
    assert values(["--db", str(missing), "search", "--tag", ""]) == []
    assert not missing.parent.exists()


def test_add_never_loads_the_completion_code(journal: Path) -> None:
    loaded = loaded_after(["--db", str(journal), "add", "hello"])
    assert "careerlog.cli.completion" not in loaded
    assert "difflib" not in loaded and "subprocess" not in loaded


def _shell(program: str, script: str) -> list[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        [program, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    return done.stdout.splitlines()


def test_bash_completes_through_the_script(journal: Path) -> None:
    script = (
        'eval "$(careerlog completion bash)"\n'
        f"COMP_WORDS=(careerlog --db {journal} search --tag w); COMP_CWORD=5; _careerlog\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        "COMP_WORDS=(careerlog tr); COMP_CWORD=1; _careerlog\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    assert _shell("bash", script) == ["wins", "work", "tracks", "track"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completes_through_the_script(journal: Path) -> None:
    script = (
        "compdef() { :; }; _files() { print FILES; }\n"
        '_describe() { print -l -- "${(@P)2}"; }\n'
        'eval "$(careerlog completion zsh)"\n'
        f"words=(careerlog --db {journal} goal done ''); CURRENT=6; _careerlog\n"
    )
    assert _shell("zsh", script) == ["1:active: Lead the migration"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_through_the_script(journal: Path) -> None:
    script = f"careerlog completion fish | source; complete -C'careerlog --db {journal} track ch'"
    assert _shell("fish", script) == [
        "choose\tchoose your track and the level you hold (progress aims at the next)"
    ]
