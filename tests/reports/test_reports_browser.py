"""The HTML report in a real browser: headless Chromium driven over the DevTools protocol on a
pipe (no port, nothing listening), asserting no console errors, no CSP violations and no request
other than the file:// pages themselves. A screenshot of the overview goes to test-artifacts/.

Needs Debian's `chromium` package (apt-get install -y chromium); skipped with that reason when
it is not installed.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from auditready.reports import build_summaries, write_reports

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT = 45.0

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")


class DevToolsPipe:
    """Chromium's --remote-debugging-pipe: commands in on fd 3, replies and events out on fd 4,
    each message JSON terminated by a NUL byte."""

    def __init__(self, profile: Path):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_fds() -> None:
            # Move both ends above 9 first so neither dup2 can clobber the other.
            reader = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
            writer = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
            os.dup2(reader, 3)
            os.dup2(writer, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", "--mute-audio", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Python's own descriptors are non-inheritable (PEP 446); only the dup2'd 3 and 4
            # reach chromium, so close_fds can stay off (pass_fds would require 3 and 4 to exist
            # in this process already).
            preexec_fn=wire_fds, close_fds=False,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        command = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + TIMEOUT
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            message = self._read_message(deadline)
            self.events.append(message)
            if message.get("method") == method and message.get("sessionId") == session:
                return message

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def _load(browser: DevToolsPipe, url: str) -> tuple[str, list[dict]]:
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": 1600, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session=session)
    start = len(browser.events)
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_for("Page.loadEventFired", session)
    # Let late resource loads or console messages arrive before judging.
    browser.send("Runtime.evaluate", {"expression": "document.readyState", "awaitPromise": False}, session=session)
    return session, [e for e in browser.events[start:] if e.get("sessionId") == session]


def _problems(events: list[dict]) -> tuple[list[str], list[str]]:
    errors, requests = [], []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(str(params.get("args")))
        elif method == "Runtime.exceptionThrown":
            errors.append(str(params.get("exceptionDetails")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
    return errors, requests


def test_report_loads_cleanly_and_looks_right(claims_result, default_fees, tmp_path):
    build_summaries(claims_result, fees=default_fees)
    out = tmp_path / "report"
    write_reports(claims_result, out, {"html"})
    browser = DevToolsPipe(tmp_path / "profile")
    try:
        pages = [out / "index.html", *sorted((out / "clinicians").glob("*.html"))]
        for page in pages:
            session, events = _load(browser, page.as_uri())
            errors, requests = _problems(events)
            assert errors == [], f"{page.name}: {errors}"
            assert requests and all(url.startswith("file://") for url in requests), requests
            # The page really rendered: the script in the note text is text, not a script element.
            found = browser.send("Runtime.evaluate", {
                "expression": "[document.scripts.length, document.querySelectorAll('svg rect, mark').length,"
                              " document.body.innerText.includes('<script>alert(1)</script>')]",
                "returnByValue": True}, session=session)["result"]["value"]
            assert found[0] == 0 and found[1] > 0
            if page.name == "index.html":
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                                    session=session)
                ARTIFACTS.mkdir(exist_ok=True)
                (ARTIFACTS / "report-overview.png").write_bytes(base64.b64decode(shot["data"]))
            elif "whitfield" in page.name:
                assert found[2], "the escaped script should be visible as text in the note"
    finally:
        browser.close()
    assert (ARTIFACTS / "report-overview.png").stat().st_size > 10_000
