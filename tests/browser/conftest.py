"""Browser tests: Playwright driving Debian's Chromium against a live server and a real worker."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.integration.conftest import redis_url, start_worker, worker_env  # noqa: E402, F401

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def problems_root(tmp_path: Path, settings) -> Path:
    root = tmp_path / "problems"
    root.mkdir()
    for slug in ("equalize_hist", "nms"):
        shutil.copytree(REPO / "problems" / slug, root / slug)
    settings.CVPREP_PROBLEMS_DIR = root
    return root


@pytest.fixture(scope="package")
def shared_chromium() -> Iterator:
    """One Chromium for the tests of this package: starting Playwright and a browser costs
    ~2 s, once per test before. Package scope, not session: Playwright's sync API keeps an event
    loop in this thread while it runs, which the tests after this package must not see."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is not installed: ./cvprep test installs it under CI")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def browser(shared_chromium) -> Iterator:
    """The shared Chromium with no context open; what a test opens (each context its own
    cookies and pages) is closed after it, so that no page of it keeps calling the server."""
    yield shared_chromium
    for context in shared_chromium.contexts:
        context.close()


@pytest.fixture
def page(browser) -> Iterator:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    page.close()


def screenshot(page, name: str) -> None:
    """Save a screenshot for docs/ when CVPREP_SCREENSHOTS names a folder (off in CI runs)."""
    folder = os.environ.get("CVPREP_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def wait_for_report(page, done, seconds: int = 90) -> str:
    """Wait until ``done(text of main)`` on a report whose grading live.js follows: the page
    loads itself again when its jobs finish, so the wait survives that navigation, and reloads
    by hand only while there is nothing to follow yet (the clock's hand-ins not made)."""
    from playwright.sync_api import Error as PlaywrightError

    text = ""
    for _ in range(seconds):
        try:
            text = page.inner_text("main")
            following = page.locator("[data-live]").count()
        except PlaywrightError:  # mid-navigation
            text, following = "", 1
        if done(text):
            return text
        page.wait_for_timeout(1000)
        if not following:
            page.reload()
    return text
