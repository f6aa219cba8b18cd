"""The import direction of docs/architecture.md ("Layers"), in fresh interpreters and source."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import careerlog

PACKAGE = Path(careerlog.__file__).parent


def modules(folder: str) -> list[str]:
    root = PACKAGE / folder
    found = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts)
        found.append(name.removesuffix(".__init__"))
    return found


def first_offenders(names: list[str], forbidden: tuple[str, ...]) -> dict[str, str]:
    """Import ``names`` in order in one fresh interpreter; for each forbidden package,
    the first module whose import pulled it in."""
    code = (
        "import importlib, json, sys\n"
        f"names, forbidden = {names!r}, {forbidden!r}\n"
        "found = {}\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "    for bad in forbidden:\n"
        "        if bad in sys.modules and bad not in found:\n"
        "            found[bad] = name\n"
        "print(json.dumps(found))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return dict(json.loads(out))


HEADLESS = (
    modules("domain")
    + modules("store")
    + modules("services")
    + modules("io")
    + modules("sample")
    # Every CLI module but the serve adapter, which is textual-serve's own front door.
    + [name for name in modules("cli") if name != "careerlog.cli.serve.serve_adapter"]
    + ["careerlog.config", "careerlog.paths", "careerlog.atomic", "careerlog.editor"]
    + ["careerlog.assets"]
)


def test_domain_is_standard_library_only() -> None:
    """Importing every domain module loads nothing but the standard library and the
    domain itself. (pyproject's import contract names the third-party packages; this
    checks everything they would pull in, whatever it is called.)"""
    code = (
        "import importlib, json, sys\n"
        "before = set(sys.modules)\n"
        f"for name in {modules('domain')!r}:\n"
        "    importlib.import_module(name)\n"
        "new = set(sys.modules) - before\n"
        "outside = {m for m in new if m.split('.')[0] not in sys.stdlib_module_names}\n"
        "print(json.dumps(sorted(m for m in outside if m.split('.')[:2] != "
        "['careerlog', 'domain'] and m != 'careerlog')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert len(modules("domain")) > 5
    assert json.loads(out) == []


def test_headless_modules_never_import_textual() -> None:
    assert len(HEADLESS) > 20
    assert first_offenders(HEADLESS, ("textual", "rich")) == {}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_ui_never_imports_the_store_or_sqlalchemy() -> None:
    offenders = []
    for path in (PACKAGE / "ui").rglob("*.py"):
        for name in imports_of(path):
            if name.startswith(("careerlog.store", "sqlalchemy")):
                offenders.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offenders == []


def loaded_after(*runs: list[str]) -> set[str]:
    """Every module loaded in a fresh interpreter after ``careerlog.cli.main`` ran
    each of ``runs`` (argument lists) in turn."""
    calls = "".join(f"main({run!r})\n" for run in runs)
    code = f"import json, sys\nfrom careerlog.cli import main\n{calls}"
    code += "print(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_add_path_stays_light(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    loaded = loaded_after(["--db", db, "add", "hello"], ["--db", db, "add", "again"])
    for heavy in ("textual", "sqlalchemy.orm", "rich", "careerlog.services.tracks"):
        assert heavy not in loaded, heavy


def test_a_command_builds_only_its_own_parser_and_help_still_lists_every_command(
    tmp_path: Path,
) -> None:
    from careerlog.cli.parser import COMMANDS, command_named

    assert command_named(["--db", "x.db", "search", "--tag", "t"]) == "search"
    assert command_named(["--db=x.db", "export", "--year", "2025"]) == "export"
    assert command_named(["--help"]) is None
    assert command_named(["--db", "x.db"]) is None
    loaded = loaded_after(["--db", str(tmp_path / "x.db"), "search", "word"])
    assert "careerlog.cli.commands" in loaded
    for other in (
        "careerlog.cli.datacmds",
        "careerlog.cli.serve.servecmd",
        "careerlog.cli.reviewcmds",
    ):
        assert other not in loaded, other

    shown = subprocess.run(
        [sys.executable, "-m", "careerlog", "--help"], capture_output=True, text=True, check=True
    ).stdout
    commands = shown.split("COMMAND\n", 1)[1].splitlines()
    listed = [line.split()[0] for line in commands if line[:4] == "    " and line[4] != " "]
    assert listed == [name for names, _ in COMMANDS for name in names]


def test_read_commands_on_an_up_to_date_store_load_neither_sqlalchemy_nor_dataclasses(
    tmp_path: Path,
) -> None:
    from careerlog.store.db import open_store

    db = str(tmp_path / "x.db")
    open_store(db).close()
    for command in (["search", "word"], ["search", "--tag", "t"], ["stats"], ["stats", "--json"]):
        loaded = loaded_after(["--db", db, *command])
        assert "sqlalchemy" not in loaded, command
        if command[0] == "search":
            assert "dataclasses" not in loaded, command
