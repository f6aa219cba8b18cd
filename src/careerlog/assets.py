"""Find the shipped ``assets/`` folder, from an installed wheel or a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def assets_dir() -> Path:
    here = Path(__file__).resolve().parent
    # In a wheel the folder is installed inside the package; in a checkout (and an
    # editable install) it sits at the top of the repository, two levels up.
    for candidate in (here / "assets", here.parent.parent / "assets"):
        if (candidate / "tracks").is_dir():
            return candidate
    raise FileNotFoundError("careerlog's assets folder is missing from this installation")


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)
