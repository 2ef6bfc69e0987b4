"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run next
# to it without this flag (the live server itself runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("PHOHANG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 10_000


@dataclass
class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen while the page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return self.console_errors + self.page_errors + self.failed_requests


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium) "
            "or set PHOHANG_CHROMIUM.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def page(browser, live_server, page_problems):
    """A fresh Vietnamese-speaking browser context on the live server; records page problems."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": 1280, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # A CSP violation is reported on the console too; the event also catches report-only ones.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (event) => "
        "console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));"
    )
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and page_problems.console_errors.append(f"{page.url}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: page_problems.page_errors.append(f"{page.url}: {error}"))
    # Navigating away aborts pending loads (a favicon, say); only real failures count.
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != "net::ERR_ABORTED"
            and page_problems.failed_requests.append(f"{request.url}: {request.failure}")
        ),
    )
    yield page
    context.close()


@pytest.fixture
def administrative_units(transactional_db):
    """Provinces and wards; a data migration loads them, but transactional tests flush tables."""
    from phohang.geo.models import Province, Ward
    from phohang.geo.units import load_units

    if not Ward.objects.exists():
        load_units(Province, Ward)
