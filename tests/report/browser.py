"""A headless Chromium driven through the DevTools protocol on a pipe (stdlib only).

``--remote-debugging-pipe`` makes Chromium read commands on its fd 3 and
write replies and events on its fd 4, each a JSON message ended by a NUL
byte: no port, no websocket library.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio"]


def chromium() -> Optional[str]:
    """The Chromium binary, if one is installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Chromium with its command-line switches only (``--screenshot``, ``--print-to-pdf``, ``--dump-dom``)."""
    return subprocess.run([chromium(), *FLAGS, *args], capture_output=True, timeout=timeout)


class Browser:
    """One Chromium, one page: ``open(url)``, ``evaluate(js)``, the requests the page made."""

    def __init__(self, width: int = 1280, height: int = 900):
        to_child, self._out = os.pipe()
        self._in, from_child = os.pipe()

        def wire():  # runs in the child: its fd 3 reads our commands, its fd 4 writes its replies
            # Out of the way first, so that moving one onto 3 or 4 cannot overwrite the other.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [chromium(), *FLAGS, "--remote-debugging-pipe", f"--window-size={width},{height}", "about:blank"],
            # 3 and 4 are kept open in the child (they are set up by ``wire``, which runs before the other fds close).
            pass_fds=(3, 4), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.events: list = []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Network"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, session: bool = False, **params):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> None:
        """Load a page and wait until its script has marked it ready."""
        self.send("Page.navigate", session=True, url=url)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._read())
        self.evaluate("new Promise(r => { const t = () => document.documentElement.dataset.ready ? r(1) : setTimeout(t, 20); "
                      "t(); })")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (promises awaited); a thrown error raises."""
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", result["exceptionDetails"]))
        return result["result"].get("value")

    def requests(self) -> list:
        """The URL of every request the page has started."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        self.process.wait(timeout=20)
        os.close(self._in)
        os.close(self._out)
