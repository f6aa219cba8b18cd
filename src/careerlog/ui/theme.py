"""The theme the person picked (the palette's "Change theme"), kept in the config file's
``[ui]`` table and applied before the first frame."""

from __future__ import annotations


def saved_theme() -> str | None:
    """The saved theme's name, or ``None``; raises CareerlogError for a broken file."""
    from careerlog import paths

    if not paths.config_file().exists():
        return None  # no settings yet, so the default theme
    # Only when there is a file to read: the reader pulls in tomllib (~5 ms), and this
    # runs before the first frame so that a saved theme is the one first painted.
    from careerlog import config

    theme = config.load().get("ui", {}).get("theme")
    return theme if isinstance(theme, str) else None


def save_theme(theme: str) -> None:
    """Keep ``theme`` for the next start (blocks: call it from a thread worker)."""
    from careerlog import config

    config.update("ui", theme=theme)
