"""Open a page in Debian's chromium with every non-file request refused, and watch for errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Visit:
    """A page opened offline, with what went wrong while it ran."""

    page: Any
    errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def open_offline(
    browser: Any,
    path: Path | str,
    *,
    ready: bool = True,
    timeout_ms: int = 60_000,
    allow: str = "file:",
) -> Visit:
    """Open ``path`` (a file, or a URL starting with ``allow``), refusing every other request;
    wait until the graph layout has finished when ``ready``."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    visit = Visit(page)
    page.on("console", lambda msg: visit.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: visit.errors.append(str(exc)))

    def dialog(box: Any) -> None:
        visit.dialogs.append(box.message)
        box.dismiss()

    page.on("dialog", dialog)

    def route(route: Any) -> None:
        if route.request.url.startswith(allow):
            route.continue_()
        else:
            visit.refused.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.goto(path.as_uri() if isinstance(path, Path) else path)
    if ready:
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_ms)
    return visit


def non_background_pixels(browser: Any, png: bytes) -> int:
    """How many pixels of a PNG screenshot differ from its top-left (background) pixel.

    The image is decoded by the browser itself, in a blank page.
    """
    import base64

    page = browser.new_page()
    try:
        return page.evaluate(
            """async (uri) => {
                const image = new Image();
                image.src = uri;
                await image.decode();
                const canvas = document.createElement("canvas");
                canvas.width = image.width;
                canvas.height = image.height;
                const context = canvas.getContext("2d");
                context.drawImage(image, 0, 0);
                const px = context.getImageData(0, 0, image.width, image.height).data;
                let count = 0;
                for (let i = 0; i < px.length; i += 4) {
                    if (px[i] !== px[0] || px[i + 1] !== px[1] || px[i + 2] !== px[2]) count++;
                }
                return count;
            }""",
            "data:image/png;base64," + base64.b64encode(png).decode(),
        )
    finally:
        page.close()
