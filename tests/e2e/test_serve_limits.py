"""``careerlog serve`` under abuse, on the real server (127.0.0.1): a bounded number of
tabs with a clear page for the next, wrong passwords throttled, malformed requests
answered without a traceback, and the password read from a file or the environment."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_browser import (
    HUNG_APP,
    children_of,
    free_port,
    open_tab,
    serve_cli,
    serving,
    status,
    wait_for,
)

pytestmark = pytest.mark.slow


def _basic(password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"me:{password}".encode()).decode()}


def _serve_code(port: int, password: str | None, max_tabs: int) -> list[str]:
    code = (
        "from careerlog.cli.serve.servecmd import serve; "
        f"serve('127.0.0.1', {port}, {[sys.executable, '-c', HUNG_APP]!r}, {password!r}, "
        f"max_tabs={max_tabs})"
    )
    return [sys.executable, "-c", code]


def test_tabs_past_the_maximum_get_a_clear_page_and_no_process() -> None:
    port = free_port()
    with serving(_serve_code(port, None, 2), port) as s:

        async def three_tabs() -> tuple[int, int]:
            tabs = [await open_tab(port), await open_tab(port)]
            wait_for(lambda: len(children_of(s.process.pid)) == 2, 20, "two app processes")
            import websockets

            third = await websockets.connect(f"ws://127.0.0.1:{port}/ws?width=100&height=30")
            await asyncio.wait_for(third.wait_closed(), 10)
            code = third.close_code
            apps = len(children_of(s.process.pid))
            for ws in tabs:
                await ws.close()
            return code, apps

        code, apps = asyncio.run(three_tabs())
        assert (code, apps) == (1013, 2)
        wait_for(lambda: not children_of(s.process.pid), 20, "the tabs' processes to end")
        assert status(s.base + "/") == 200


def test_the_page_past_the_maximum_says_so(tmp_path: Path) -> None:
    port = free_port()
    with serving(_serve_code(port, None, 1), port) as s:

        async def full_page() -> str:
            tab = await open_tab(port)
            wait_for(lambda: len(children_of(s.process.pid)) == 1, 20, "one app process")
            import urllib.error
            import urllib.request

            try:
                urllib.request.urlopen(s.base + "/", timeout=10)
                page = ""
            except urllib.error.HTTPError as error:
                page = f"{error.code} {error.read().decode()}"
            await tab.close()
            return page

        page = asyncio.run(full_page())
        assert page.startswith("503") and "open in 1 tabs already" in page, page


def test_wrong_passwords_are_throttled() -> None:
    port = free_port()
    with serving(_serve_code(port, "open sesame", 4), port) as s:
        codes = [status(s.base + "/", _basic(f"guess {n}")) for n in range(20)]
        right = status(s.base + "/", _basic("open sesame"))
    assert codes[:5] == [401] * 5
    assert set(codes[5:]) == {429}, codes
    assert right == 429, "the throttle holds for the right password too until it lifts"


def test_malformed_requests_are_answered_without_a_traceback() -> None:
    port = free_port()
    requests = [
        b"GET / HTTP/1.1\r\nHost: \r\n\r\n",
        b"GET / HTTP/1.1\r\n\r\n",
        b"GARBAGE\r\n\r\n",
        b"GET /%zz/../.. HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        b"GET /static/../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
        b"GET /ws?width=x HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n",
    ]
    answers = []
    with serving(_serve_code(port, None, 4), port) as s:
        for request in requests:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.sendall(request.replace(b"PORT", str(port).encode()))
                answers.append(sock.recv(200).split(b"\r\n")[0])
        s.process.terminate()
        out, _ = s.process.communicate(timeout=20)
    assert all(a.split()[1][:1] in (b"4",) for a in answers), answers
    assert "Traceback" not in out, out
    assert "careerlog: answered a malformed request" in out, out


@pytest.mark.parametrize("how", ["file", "env"])
def test_the_password_comes_from_a_file_or_the_environment(tmp_path: Path, how: str) -> None:
    db, port = str(tmp_path / "j.db"), free_port()
    secret = tmp_path / "secret"
    secret.write_text("from elsewhere\n", encoding="utf-8")
    extra = ["--password-file", str(secret)] if how == "file" else []
    env = {"CAREERLOG_SERVE_PASSWORD": "from elsewhere"} if how == "env" else {}
    os.environ.update(env)
    try:
        with serving(serve_cli(db, port, *extra), port) as s:
            cmdline = Path(f"/proc/{s.process.pid}/cmdline").read_bytes()
            assert b"from elsewhere" not in cmdline
            assert status(s.base + "/") == 401
            assert status(s.base + "/", _basic("from elsewhere")) == 200
    finally:
        for name in env:
            os.environ.pop(name)


def test_the_password_option_warns_that_it_shows_in_ps() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "careerlog", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "shows in `ps`" in " ".join(done.stdout.split())
    assert "--password-file" in done.stdout
