"""The one place careerlog touches textual-serve's private parts.

``careerlog serve`` needs two things textual-serve has no public hook for: starting
each tab's app from an argument list (no shell) in a session of its own, and adding
middleware to its aiohttp application. Both are done here, through the names in
:data:`PRIVATE_NAMES`; ``tests/ui/test_private_apis.py`` fails when the installed
textual-serve is not :data:`CHECKED_WITH` or one of the names is gone.

Imported only by ``careerlog serve`` (aiohttp and textual-serve, ~0.3 s).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

CHECKED_WITH = "1.1.3"
"""The textual-serve release these uses were read against (pinned in pyproject.toml)."""

PRIVATE_NAMES = (
    "textual_serve.app_service:AppService._open_app_process",
    "textual_serve.app_service:AppService._build_environment",
    "textual_serve.app_service:AppService._process",
    "textual_serve.app_service:AppService._stdin",
    "textual_serve.server:Server._make_app",
    "textual_serve.server:Server._process_messages",
)
"""``module:attribute`` of every private name used below (``_process`` and ``_stdin``
are instance attributes, checked on an instance by the test)."""

Process = asyncio.subprocess.Process


class ExecAppService(AppService):
    """One browser tab's app: ``argv`` run without a shell, in its own session (so its
    whole process group can be ended), with ``started`` told the process."""

    def __init__(
        self, argv: Sequence[str], started: Callable[[Process], None], **kwargs: Any
    ) -> None:
        super().__init__(" ".join(argv), **kwargs)
        self._argv = list(argv)
        self._started = started

    @property
    def process(self) -> Process | None:
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        process = await asyncio.create_subprocess_exec(
            *self._argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._process = process
        self._stdin = process.stdin
        self._started(process)
        return process


class ExtensibleServer(Server):
    """A textual-serve Server whose aiohttp application subclasses can extend, and whose
    websocket relay they can call from their own websocket handler."""

    def extend_app(self, app: web.Application) -> None:
        """Change the aiohttp application before it starts (add middleware, say)."""

    async def build_app(self) -> web.Application:
        """textual-serve's application (its pages, websocket and downloads), extended."""
        return await self._make_app()

    async def _make_app(self) -> web.Application:
        app: web.Application = await super()._make_app()
        self.extend_app(app)
        return app

    async def relay(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Pass the browser's keys, resizes and pings to ``app_service`` until it closes."""
        await self._process_messages(websocket, app_service)
