"""``careerlog serve``: the TUI in a browser tab, through textual-serve.

Each browser tab gets its own ``python -m careerlog --db …`` process. textual-serve
asks a closing app to quit and then waits for it forever, so an app that does not
answer (or a server stopped with Ctrl+C) can leave processes behind. Here every app
process runs in its own session and is tracked by pid: when its tab goes away it
gets a few seconds to quit, then its whole process group is terminated and reaped;
stopping the server does the same for every tab still open.

What the server lets in: it binds to 127.0.0.1 unless told otherwise, and any other
address needs a password (HTTP Basic authentication on every page, file and
websocket). Requests must name the server by the address it serves, and websockets
must come from its own pages, so another web site open in the same browser cannot
drive the journal (DNS rebinding, cross-site websockets).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from careerlog.cli.serve.serve_guard import (
    DEFAULT_MAX_TABS,
    Throttle,
    allowed_hosts,
    guard,
    quiet_malformed_requests,
    tabs_full_page,
)
from careerlog.domain.errors import CareerlogError

if TYPE_CHECKING:  # asyncio (~60 ms), aiohttp and textual-serve load only when serving
    import asyncio

    from aiohttp import web

DEFAULT_PORT = 8000
QUIT_GRACE_SECONDS = 3.0
CLOSE_WAIT_SECONDS = 2.0
"""How long closing a tab's websocket waits for the browser to answer (aiohttp waits 10 s):
a browser that is gone or stuck must not keep Ctrl+C from stopping the server."""
PASSWORD_ENV = "CAREERLOG_SERVE_PASSWORD"


def is_loopback(host: str) -> bool:
    import ipaddress  # like hmac below: kept off the start-up of every other command

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, password: str | None) -> None:
    """Refuse to put the journal on a network address without a password."""
    if not is_loopback(host) and not password:
        raise CareerlogError(
            f"serving on {host} would let anyone who can reach it read your journal; "
            f"add --password P (or set {PASSWORD_ENV}), or leave --host at 127.0.0.1"
        )


def app_command(location: str) -> list[str]:
    """The command each browser tab runs: this Python, this careerlog, this store.

    A database URL may hold a password, and any local user can read another's command
    line; so a URL reaches the app through ``CAREERLOG_DB`` (readable by the owner
    only), which the app processes inherit. A file path goes on the command line.
    """
    if "://" in location:
        os.environ["CAREERLOG_DB"] = location
        return [sys.executable, "-m", "careerlog"]
    return [sys.executable, "-m", "careerlog", "--db", location]


def cmd_serve(args: argparse.Namespace) -> int:
    from careerlog.store.db import open_store
    from careerlog.store.files.sqlite_file import resolve_location

    host: str = args.host
    password = _password(args)
    check_exposure(host, password)
    if not 0 < args.port < 65536:
        raise CareerlogError(f"--port {args.port} is not a port number (1-65535)")
    if not 0 < args.max_tabs <= 1000:
        raise CareerlogError(f"--max-tabs {args.max_tabs} is not a number of tabs (1-1000)")
    location = resolve_location(args.db)
    open_store(location).close()  # a bad --db fails here, not in every browser tab
    serve(host, args.port, app_command(location), password, max_tabs=args.max_tabs)
    return 0


def _password(args: argparse.Namespace) -> str | None:
    """--password-file (its first line), else --password, else the environment."""
    if args.password_file is not None:
        try:
            with open(args.password_file, encoding="utf-8") as file:
                line = file.readline().rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as error:
            why = getattr(error, "strerror", None) or "not UTF-8 text"
            raise CareerlogError(f"cannot read --password-file: {why}") from None
        if not line:
            raise CareerlogError("--password-file is empty: its first line is the password")
        return line
    return args.password or os.environ.get(PASSWORD_ENV) or None


def serve(
    host: str,
    port: int,
    command: Sequence[str],
    password: str | None,
    *,
    max_tabs: int = DEFAULT_MAX_TABS,
) -> None:
    """Serve until interrupted (SIGINT/SIGTERM); every app process is gone on return."""
    quiet_malformed_requests()
    server = _make_server(host, port, list(command), password, max_tabs)
    try:
        server.serve()
    except OSError as error:
        raise CareerlogError(f"cannot serve on {host}:{port}: {error.strerror}") from None
    finally:
        server.kill_all()


def _make_server(
    host: str, port: int, command: list[str], password: str | None, max_tabs: int
) -> Any:
    """Build the server (imports aiohttp and textual-serve, ~0.3 s)."""
    import asyncio

    from aiohttp import web

    from careerlog.cli.serve.serve_adapter import ExecAppService, ExtensibleServer

    class TabApp(ExecAppService):
        """One browser tab's app process, tracked by pid, and killed if it does not quit
        when asked."""

        def __init__(self, tracked: dict[int, asyncio.subprocess.Process], **kwargs: Any):
            def started(process: asyncio.subprocess.Process) -> None:
                tracked[process.pid] = process

            super().__init__(command, started, **kwargs)
            self._tracked = tracked

        async def stop(self) -> None:
            process = self.process
            try:
                await asyncio.wait_for(super().stop(), QUIT_GRACE_SECONDS)
            except (TimeoutError, ConnectionError, RuntimeError):
                pass
            if process is not None:
                await _end(process)
                self._tracked.pop(process.pid, None)

    class CareerlogServer(ExtensibleServer):
        def __init__(self) -> None:
            super().__init__(" ".join(command), host=host, port=port, title="careerlog")
            self.tracked: dict[int, asyncio.subprocess.Process] = {}
            self.allowed_hosts = allowed_hosts(host, port, is_loopback(host))
            self.open_tabs = 0
            self.sockets: set[web.WebSocketResponse] = set()

        def initialize_logging(self) -> None:
            """textual-serve's logging prints every request; careerlog prints one line."""

        async def on_startup(self, app: web.Application) -> None:
            """No banner: careerlog prints its one line once it is listening."""

        def serve(self, debug: bool = False) -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, self.request_exit)
            web.run_app(
                self.build_app(),
                host=host,
                port=port,
                handle_signals=False,
                loop=loop,
                print=self._announce,
            )

        def _announce(self, *_args: object) -> None:
            where = f"[{host}]" if ":" in host else host
            sys.stdout.write(f"careerlog: serving on http://{where}:{port}/ (Ctrl+C stops)\n")
            sys.stdout.flush()

        async def on_shutdown(self, app: web.Application) -> None:
            await asyncio.gather(*(_end(p) for p in list(self.tracked.values())))
            self.tracked.clear()
            # Each tab's handler relays its websocket until the browser closes it: close
            # them now, or Ctrl+C waits for a silent browser's heartbeat to fail (~24 s).
            await asyncio.gather(
                *(socket.close(message=b"careerlog stopped") for socket in list(self.sockets)),
                return_exceptions=True,
            )

        def extend_app(self, app: web.Application) -> None:
            app.middlewares.append(guard(self.allowed_hosts, password, Throttle()))

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if self.open_tabs >= max_tabs:
                return web.Response(
                    status=503, text=tabs_full_page(max_tabs), content_type="text/html"
                )
            # The page tells the browser where the websocket is: the address it used.
            self.public_url = f"http://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            websocket = web.WebSocketResponse(heartbeat=15, timeout=CLOSE_WAIT_SECONDS)
            width = _int(request.query.get("width"), 80)
            height = _int(request.query.get("height"), 24)
            await websocket.prepare(request)
            if self.open_tabs >= max_tabs:
                await websocket.close(code=1013, message=b"careerlog: too many tabs open")
                return websocket
            self.open_tabs += 1
            self.sockets.add(websocket)
            tab = TabApp(
                self.tracked,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            try:
                await tab.start(width, height)
                await self.relay(websocket, tab)
            except (asyncio.CancelledError, ConnectionError):
                pass
            finally:
                self.open_tabs -= 1
                self.sockets.discard(websocket)
                await asyncio.shield(tab.stop())
                if websocket.closed is False:
                    await websocket.close()
            return websocket

        def kill_all(self) -> None:
            """Last resort after the event loop stopped: no app outlives the server."""
            for pid in list(self.tracked):
                _kill_group(pid, signal.SIGKILL)
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(pid, 0)
            self.tracked.clear()

    return CareerlogServer()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _kill_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)


async def _end(process: asyncio.subprocess.Process) -> None:
    import asyncio

    """Terminate an app's process group (it leads its own session) and reap it."""
    if process.returncode is not None:
        return
    _kill_group(process.pid, signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
    except TimeoutError:
        _kill_group(process.pid, signal.SIGKILL)
        await process.wait()


def add_parser(sub: Any) -> None:
    """Register ``careerlog serve`` on the CLI's subcommands."""
    serve_parser = sub.add_parser(
        "serve",
        help="open the journal in a browser tab (on 127.0.0.1 only)",
        description="Serve the journal to a web browser. Each tab runs its own careerlog; "
        "closing the tab ends it.",
    )
    serve_parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"the port (default {DEFAULT_PORT})",
    )
    serve_parser.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="H",
        help="address to listen on; anything but loopback needs --password",
    )
    serve_parser.add_argument(
        "--password",
        metavar="P",
        help="require this password in the browser; an option shows in `ps` to every "
        f"user of this machine, so prefer --password-file or {PASSWORD_ENV}. Sent in "
        "the clear over plain HTTP: use it on networks you trust",
    )
    serve_parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="read the password from the first line of FILE",
    )
    serve_parser.add_argument(
        "--max-tabs",
        type=int,
        default=DEFAULT_MAX_TABS,
        metavar="N",
        help=f"browser tabs served at once, each its own process (default {DEFAULT_MAX_TABS})",
    )
    serve_parser.set_defaults(handler=cmd_serve)
