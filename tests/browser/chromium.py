"""Debian's Chromium, headless, driven over the DevTools protocol on a pipe: one browser for many pages.

Each start of Chromium costs about a second, so a pytest process starts one and shows each page in one tab
of it: printed to PDF at a paper size, laid out at a window width, asked questions in JavaScript. The protocol
is JSON messages, each ended by a NUL byte, that Chromium reads on its file descriptor 3 and writes on 4
(`--remote-debugging-pipe`); nothing listens on a port.
"""

from __future__ import annotations

import base64
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

#: What works in an offline sandbox, as root: no sandbox, no GPU, nothing fetched from the network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    # Every tab is drawn as if it were in front, so none waits for its turn.
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
)
#: Paper sizes in inches, as the protocol takes them.
PAPER = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
#: Longer than any page here takes to load or to print, short enough that a hung browser fails the test.
TIMEOUT = 60.0
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def find_chromium() -> str | None:
    """Debian's Chromium (`apt-get install chromium`), or the one RUNACU_CHROMIUM names, if it is there."""
    return shutil.which(os.environ.get("RUNACU_CHROMIUM") or "chromium")


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has: Chromium writes each page's dictionary uncompressed, `/Type /Page`."""
    assert pdf.startswith(b"%PDF-"), pdf[:20]
    return len(_PAGE_OBJECT.findall(pdf))


class BrowserError(Exception):
    pass


class Browser:
    """One headless Chromium with a new, empty profile; `close()` ends it and removes the profile."""

    def __init__(self, executable: str) -> None:
        self._profile = Path(tempfile.mkdtemp(prefix="runacu-chromium-"))
        their_in, self._to_browser = os.pipe()
        self._from_browser, their_out = os.pipe()
        # Bash puts the pipes where Chromium looks for them (descriptors 3 and 4), then becomes Chromium.
        with (self._profile / "stderr.txt").open("wb") as stderr:
            self._process = subprocess.Popen(
                ["bash", "-c", f'exec "$0" "$@" 3<&{their_in} 4>&{their_out}', executable, *FLAGS,
                 "--remote-debugging-pipe", f"--user-data-dir={self._profile / 'profile'}", "about:blank"],
                pass_fds=(their_in, their_out), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
            )  # fmt: skip
        os.close(their_in)
        os.close(their_out)
        self._received = b""
        self._last_id = 0
        self._events: list[dict[str, Any]] = []
        self._tab: Tab | None = None

    def close(self) -> None:
        try:
            self.call("Browser.close")
            self._process.wait(10)
        except (BrowserError, OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait()
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)
            shutil.rmtree(self._profile, ignore_errors=True)

    def _said(self) -> str:
        """The last lines Chromium wrote to its standard error, to say why it failed."""
        lines = (self._profile / "stderr.txt").read_text(errors="replace").splitlines()
        return "\n".join(lines[-10:])

    def _message(self) -> dict[str, Any]:
        while b"\0" not in self._received:
            ready, _, _ = select.select([self._from_browser], [], [], TIMEOUT)
            if not ready:
                raise BrowserError(f"chromium said nothing for {TIMEOUT:.0f} s:\n{self._said()}")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"chromium closed the pipe (exit status {self._process.poll()}):\n{self._said()}")
            self._received += chunk
        message, _, self._received = self._received.partition(b"\0")
        return json.loads(message)  # type: ignore[no-any-return]

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        """Send a command (to a tab when `session` is given) and wait for its answer; events are kept."""
        self._last_id += 1
        request: dict[str, Any] = {"id": self._last_id, "method": method, "params": params}
        if session is not None:
            request["sessionId"] = session
        try:
            os.write(self._to_browser, json.dumps(request).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError(f"chromium has ended (exit status {self._process.poll()}):\n{self._said()}") from None
        while True:
            message = self._message()
            if message.get("id") == self._last_id:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message["result"]  # type: ignore[no-any-return]
            self._events.append(message)

    def _event(self, method: str, session: str) -> None:
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return
            self._events.append(self._message())

    def show(self, path: Path) -> Tab:
        """The browser's one tab, showing the file at `path`, loaded, as a new window shows it: on a screen, at the
        window's own size (what an earlier test emulated is undone).

        Every page is shown in the same tab, opened once: a new tab costs Chromium a renderer process, about
        twice what loading a page costs. A page is loaded anew unless the tab shows it already."""
        if self._tab is None:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            self.call("Page.enable", session)
            self._tab = Tab(self, session)
        url = path.resolve().as_uri()
        if url != self._tab.url:
            self._tab.url = None
            self.call("Page.navigate", self._tab.session, url=url)
            self._event("Page.loadEventFired", self._tab.session)
            self._tab.url = url
        self.call("Emulation.clearDeviceMetricsOverride", self._tab.session)
        self._tab.media("")
        return self._tab


class Tab:
    """A page open in the browser (`Browser.show`)."""

    def __init__(self, browser: Browser, session: str) -> None:
        self._browser, self.session = browser, session
        #: The address of the page the tab shows, once it is loaded.
        self.url: str | None = None

    def print_to_pdf(self, paper: str) -> bytes:
        """The page printed on `paper` (A4, Letter), without the browser's own header and footer."""
        width, height = PAPER[paper]
        answer = self._browser.call(
            "Page.printToPDF", self.session, paperWidth=width, paperHeight=height, displayHeaderFooter=False
        )
        return base64.b64decode(answer["data"])

    def resize(self, width: int, height: int = 800) -> None:
        """Lay the page out as a window `width` CSS pixels wide would."""
        self._browser.call(
            "Emulation.setDeviceMetricsOverride",
            self.session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def media(self, media: str) -> None:
        """Apply the page's styles for `media` ("print", "screen"), as the print preview does."""
        self._browser.call("Emulation.setEmulatedMedia", self.session, media=media)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression (a promise is awaited)."""
        answer = self._browser.call(
            "Runtime.evaluate", self.session, expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in answer:
            raise BrowserError(f"JavaScript failed: {answer['exceptionDetails']}")
        return answer["result"].get("value")
