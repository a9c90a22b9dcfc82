"""Real-browser fixtures: Debian's Chromium driven by Playwright at a phone viewport."""

import shutil
from datetime import date

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from app.extensions import db
from tests.factories import Factory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Open another phone (a second person): ``new_context().new_page()``."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(base_url=live_server.url, **{**PHONE, **kwargs})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def sign_in_as():
    def sign_in(page, user, password: str = Factory.PASSWORD):
        page.goto("/sign-in")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/sign-in" not in url)
        # Signing in wrote her session record. On SQLite a transaction of this thread that
        # read before that write could not write after it: end it, and the next one reads
        # afresh.
        db.session.commit()

    return sign_in


AXE_SCRIPT = Axe().axe_script
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _run_axe(page, options, tries: int = 3):
    """axe's results for the page as it is once loaded. A click may start a navigation
    after it returns, and a document replaced while axe runs fails it: then the new page
    is waited for and checked instead."""

    def run():
        page.wait_for_load_state()
        if not page.evaluate("typeof axe !== 'undefined'"):
            page.evaluate(AXE_SCRIPT)
        return page.evaluate("options => axe.run(document, options)", options)

    for _ in range(tries - 1):
        try:
            return run()
        except PlaywrightError:
            page.wait_for_timeout(200)  # the navigation under way commits
    return run()


@pytest.fixture
def assert_accessible():
    """Run axe-core in the page: zero violations of WCAG 2.2 A and AA, or fail with the report.

    axe is put into a page once, however often the page is checked, and reports only
    violations (what passed is not collected)."""

    def check(page, best_practice=(), only=()):
        """``only``: just these rules (those that a change of layout can change)."""
        options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}}
        if best_practice:  # named best-practice rules, on top of the WCAG ones
            options["rules"] = {rule: {"enabled": True} for rule in best_practice}
        if only:
            options = {"runOnly": {"type": "rule", "values": list(only)}}
        options["resultTypes"] = ["violations"]
        results = AxeResults(_run_axe(page, options))
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


def type_date(page, question: str, when: date):
    """Type a date into the NHS.UK date input whose legend is ``question``, box by box."""
    boxes = page.get_by_role("group", name=question, exact=True)
    for box, value in (("Day", when.day), ("Month", when.month), ("Year", when.year)):
        boxes.get_by_label(box, exact=True).fill(str(value))
