"""A minimal headless-Chromium driver over the DevTools protocol on a pipe (no port, no extra package).

Chromium started with --remote-debugging-pipe reads JSON commands on fd 3 and writes replies and
events on fd 4, each message ended by a NUL byte.
"""

import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
# Root needs --no-sandbox; the rest keep an offline machine from trying to phone home.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
         "--remote-debugging-pipe")


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


class Page:
    """One tab: load a URL, evaluate JavaScript, and see every request and error it caused."""

    def __init__(self, browser: "Chromium", target_id: str, session_id: str):
        self.browser, self.target_id, self.session_id = browser, target_id, session_id
        self.url = "about:blank"
        self.requested: list[str] = []
        self.exceptions: list[str] = []
        self.dialogs: list[str] = []

    def send(self, method: str, **params) -> dict:
        return self.browser.send(method, params, session_id=self.session_id)

    def record(self, event: dict) -> None:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requested.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            self.exceptions.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self.send("Page.handleJavaScriptDialog", accept=True)

    def load(self, url: str, timeout: float = 30) -> None:
        self.url = url
        self.send("Page.navigate", url=url)
        self.browser.wait_for_event("Page.loadEventFired", self.session_id, timeout)

    def evaluate(self, expression: str):
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target_id})

    def wait_until(self, expression: str, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return True
            self.browser.pump(0.2)
        return False


class Chromium:
    def __init__(self, binary: str):
        self.binary = binary
        self.next_id = 0
        self.buffer = b""
        self.pages: dict[str, Page] = {}
        self.pending_events: list[dict] = []

    def __enter__(self) -> "Chromium":
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        commands_read, self.commands = os.pipe()
        self.replies, replies_write = os.pipe()

        def use_pipe_fds():  # runs in the child: DevTools expects fds 3 and 4
            # Move both ends clear of 3 and 4 first, so neither dup2 overwrites the other.
            read_end = fcntl.fcntl(commands_read, fcntl.F_DUPFD, 10)
            write_end = fcntl.fcntl(replies_write, fcntl.F_DUPFD, 10)
            os.dup2(read_end, 3)  # dup2 makes them inheritable; every other fd is close-on-exec
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [self.binary, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=use_pipe_fds)
        os.close(commands_read)
        os.close(replies_write)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.send("Browser.close", {}, timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.replies)
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, timeout: float) -> dict | None:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.replies], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.replies, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def _dispatch(self, message: dict) -> None:
        page = self.pages.get(message.get("sessionId", ""))
        if page is not None:
            page.record(message)
        self.pending_events.append(message)

    def pump(self, timeout: float) -> None:
        message = self._read_message(timeout)
        if message is not None:
            self._dispatch(message)

    def send(self, method: str, params: dict, session_id: str | None = None, timeout: float = 30) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session_id:
            message["sessionId"] = session_id
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reply = self._read_message(deadline - time.monotonic())
            if reply is None:
                break
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._dispatch(reply)
        raise TimeoutError(f"no reply to {method} within {timeout} s")

    def wait_for_event(self, method: str, session_id: str, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index, event in enumerate(self.pending_events):
                if event.get("method") == method and event.get("sessionId") == session_id:
                    return self.pending_events.pop(index)
            self.pump(deadline - time.monotonic())
        raise TimeoutError(f"no {method} within {timeout} s")

    def new_page(self) -> Page:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        self.pages[session] = page
        for domain in ("Page", "Runtime", "Network"):
            page.send(f"{domain}.enable")
        return page


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
