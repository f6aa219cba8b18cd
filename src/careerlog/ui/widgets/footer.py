"""The key bar at the bottom of every screen: Textual's Footer, rebuilt only when the keys
it shows change.

Textual's Footer recomposes on every bindings update (each focus change, each
``refresh_bindings``), and every rebuild mounts each key and restyles it twice (a key's
``compact`` starts true, then is bound to the footer's false). On the Today screen that
was three identical rebuilds before the first frame: about 100 ms of the 250 ms that
careerlog then took beyond a bare Textual app (2 cores, under load).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from textual.widgets import Footer

from careerlog.ui.textual_private import (
    FooterKey,
    footer_bindings_ready,
    mark_footer_bindings_ready,
)

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


def shown_keys(screen: Screen[Any]) -> tuple[Hashable, ...]:
    """What a footer on ``screen`` would show now (the palette key is shown if bound)."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (key, binding.action, binding.description, enabled, tooltip, binding.group)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class KeyFooter(Footer):
    """A :class:`~textual.widgets.Footer` that skips rebuilds that would change nothing."""

    def __init__(self) -> None:
        super().__init__()
        self._composed: tuple[Hashable, ...] | None = None
        self._rebuild_pending = False

    def compose(self) -> ComposeResult:
        self._composed = shown_keys(self.screen) if footer_bindings_ready(self) else None
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Start each key with the footer's style, so mounting it and binding its
                # ``compact`` to ours restyles nothing (Textual's default is compact; the
                # palette key is not bound and keeps it).
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[Any]) -> None:
        mark_footer_bindings_ready(self)
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending and shown_keys(screen) != self._composed:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and shown_keys(self.screen) != self._composed:
            await self.recompose()
