"""The private Textual and textual-serve names careerlog uses, each behind one adapter
(``careerlog.ui.textual_private``, ``careerlog.cli.serve.serve_adapter``). An upgrade of
either package fails here first: re-read every use in the adapter against the new
release, then change the pin in pyproject.toml and the version below together."""

from __future__ import annotations

import importlib
from importlib.metadata import version
from typing import Any

import pytest

from careerlog.cli.serve import serve_adapter
from careerlog.ui import textual_private


def test_textual_is_the_release_the_adapter_was_read_against() -> None:
    assert textual_private.CHECKED_WITH == "8.2.8"
    assert version("textual") == "8.2.8"


def test_textual_serve_is_the_release_the_adapter_was_read_against() -> None:
    assert serve_adapter.CHECKED_WITH == "1.1.3"
    assert version("textual-serve") == "1.1.3"


def _instance(cls: type[Any]) -> Any:
    """An instance to look for instance attributes on (none of these needs a loop)."""
    if cls.__name__ == "AppService":
        from textual_serve.download_manager import DownloadManager

        async def nothing(*_args: object) -> None:
            return None

        return cls(
            "true",
            write_bytes=nothing,
            write_str=nothing,
            close=nothing,
            download_manager=DownloadManager(),
        )
    if cls.__name__ == "Server":
        return cls("true")
    return cls()


def _has(path: str) -> bool:
    module_name, _, dotted = path.partition(":")
    owner: Any = importlib.import_module(module_name)
    *parents, attribute = dotted.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    if hasattr(owner, attribute):
        return True
    return isinstance(owner, type) and hasattr(_instance(owner), attribute)


@pytest.mark.parametrize("path", [*textual_private.PRIVATE_NAMES, *serve_adapter.PRIVATE_NAMES])
def test_every_private_name_the_adapters_use_is_there(path: str) -> None:
    assert _has(path), f"{path} is gone: re-read the adapter that uses it"
