"""What ``careerlog serve`` lets in: known host names, its own pages' websockets, the
password (with guesses throttled), a bounded number of tabs, and malformed requests
answered in one line of log, never a traceback."""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from careerlog.domain.text import printable

DEFAULT_MAX_TABS = 4
"""Tabs (app processes, ~60 MB each) served at once unless ``--max-tabs`` says."""
GUESSES_PER_MINUTE = 5
"""Wrong passwords one address may try in a minute before it is told to wait."""


class Throttle:
    """Wrong passwords per client address over the last minute."""

    def __init__(
        self, per_minute: int = GUESSES_PER_MINUTE, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute, self.clock = per_minute, clock
        self.failures: dict[str, deque[float]] = {}

    def wait(self, who: str) -> int:
        """Seconds ``who`` must wait before its next guess counts (0: it may guess)."""
        now = self.clock()
        seen = self.failures.get(who)
        if not seen:
            return 0
        while seen and now - seen[0] >= 60:
            seen.popleft()
        if not seen:
            del self.failures[who]
            return 0
        return int(60 - (now - seen[0])) + 1 if len(seen) >= self.per_minute else 0

    def failed(self, who: str) -> None:
        self.failures.setdefault(who, deque()).append(self.clock())


def allowed_hosts(host: str, port: int, loopback: bool) -> set[str]:
    names = {host, f"[{host}]"} if ":" in host else {host}
    if loopback:
        names |= {"127.0.0.1", "localhost", "[::1]"}
    return {f"{name}:{port}" for name in names} | ({*names} if port == 80 else set())


def guard(allowed: set[str], password: str | None, throttle: Throttle) -> Any:
    from aiohttp import web

    wildcard = any(h.rsplit(":", 1)[0] in ("0.0.0.0", "[::]") for h in allowed)

    @web.middleware
    async def middleware(
        request: web.Request,
        handler: Callable[[web.Request], Awaitable[web.StreamResponse]],
    ) -> web.StreamResponse:
        if not wildcard and request.host not in allowed:
            raise web.HTTPMisdirectedRequest(text="careerlog: unknown host name\n")
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1] != request.host:
            raise web.HTTPForbidden(text="careerlog: requests from other sites are refused\n")
        if password is not None:
            who = request.remote or "?"
            wait = throttle.wait(who)
            if wait:
                raise web.HTTPTooManyRequests(
                    text=f"careerlog: too many wrong passwords; try again in {wait} s\n",
                    headers={"Retry-After": str(wait)},
                )
            given = _given_password(request)
            if given is None or not _same(given, password):
                if given is not None:
                    throttle.failed(who)
                raise web.HTTPUnauthorized(
                    text="careerlog: password needed\n",
                    headers={"WWW-Authenticate": 'Basic realm="careerlog", charset="UTF-8"'},
                )
        return await handler(request)

    return middleware


def _given_password(request: Any) -> str | None:
    """The password of a Basic Authorization header (``None``: none given)."""
    import base64
    import binascii

    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        return base64.b64decode(encoded, validate=True).decode().partition(":")[2]
    except (binascii.Error, UnicodeDecodeError):
        return ""


def _same(given: str, password: str) -> bool:
    import hmac

    return hmac.compare_digest(given.encode(), password.encode())


def tabs_full_page(max_tabs: int) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>careerlog</title></head>"
        f"<body><h1>careerlog is open in {max_tabs} tabs already</h1>"
        "<p>That is the most this server runs at once (<code>careerlog serve "
        "--max-tabs N</code>). Close a tab with careerlog in it, then reload this page.</p>"
        "</body></html>"
    )


def quiet_malformed_requests() -> None:
    """aiohttp logs a malformed request (no Host header, not HTTP) with a traceback;
    careerlog says one line instead."""
    import logging  # ~5 ms, only when serving

    class OneLine(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            error = record.exc_info[1] if record.exc_info else None
            why = f" ({printable(type(error).__name__)})" if error is not None else ""
            sys.stderr.write(f"careerlog: answered a malformed request{why}\n")

    server_log = logging.getLogger("aiohttp.server")
    server_log.handlers[:] = [OneLine()]
    server_log.propagate = False
