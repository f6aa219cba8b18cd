"""Rules careerlog writes again to keep an import off every command, checked against
the library they stand in for: the XDG folders read from the environment where
platformdirs would give the same answer (it must be platformdirs' own, for every mix of
the variables and ``$HOME``), and the terminal's width for argparse's help, measured
without shutil."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import platformdirs
import pytest

from careerlog import paths

VALUES = [None, "", "   ", "/srv/xdg", "/srv/xdg/", "relative/xdg", "~/xdg"]
HOMES = [None, "", "/", "/home/ana", "/home/ana/", "relative-home"]


@pytest.mark.skipif(sys.platform != "linux", reason="the shortcut is taken on Linux only")
@pytest.mark.parametrize(
    ("variable", "ours", "theirs"),
    [
        ("XDG_DATA_HOME", paths.data_dir, platformdirs.user_data_dir),
        ("XDG_CONFIG_HOME", paths.config_dir, platformdirs.user_config_dir),
    ],
)
def test_the_folders_read_without_platformdirs_are_the_ones_it_gives(
    monkeypatch: pytest.MonkeyPatch, variable: str, ours: object, theirs: object
) -> None:
    read_directly = 0
    for value, home in itertools.product(VALUES, HOMES):
        with monkeypatch.context() as patch:
            for name, setting in ((variable, value), ("HOME", home)):
                if setting is None:
                    patch.delenv(name, raising=False)
                else:
                    patch.setenv(name, setting)
            shortcut = paths._xdg(variable, ".local/share" if "DATA" in variable else ".config")
            if shortcut is None:
                continue
            read_directly += 1
            expected = Path(theirs("careerlog", appauthor=False))  # type: ignore[operator]
            assert shortcut == expected, (value, home)
            assert ours() == expected, (value, home)  # type: ignore[operator]
    assert read_directly >= 10  # the shortcut is taken in the usual cases


@pytest.mark.parametrize("columns", [None, "", "0", "-5", "wide", "57", "120"])
def test_the_help_width_is_the_one_shutil_measures(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    """The CLI measures the terminal for argparse's help without importing shutil (its
    rule written again, to keep bz2 and lzma off every command): the same answer."""
    import shutil

    from careerlog.cli.argparsing import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns
