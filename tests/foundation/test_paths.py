"""careerlog reads the XDG folders from the environment itself where platformdirs would
give the same answer (so read commands need not import it): wherever it does, the
answer must be platformdirs' own, for every mix of the variables and ``$HOME``."""

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
