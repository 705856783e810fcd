"""Headless Chromium (Debian's `chromium` and `chromium-driver`) driven by Selenium, for the
console's browser tests.

Use it from a test module:

    from console_browser import browser, open_console, screenshot  # noqa: F401  (fixture)

`browser` is module-scoped: one Chromium per test module, started on first use and quit at the
module's end. A missing chromium or chromedriver fails the tests (it never skips them):
scripts/install-deps.sh installs both.
"""
import os
import shutil
import urllib.error
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCREENSHOT_DIR = os.path.join(os.environ.get("TEST_LOG_DIR", os.path.join(ROOT, ".build", "test-logs")),
                              "console-screenshots")


def _binary(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium WebDriver (1400x1000), shared by the tests of one module."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError as error:  # pragma: no cover - install-deps.sh installs selenium
        pytest.fail(f"selenium is not installed ({error}); run scripts/install-deps.sh")
    chromium = _binary("chromium", "chromium-browser")
    driver_path = _binary("chromedriver")
    if not chromium or not driver_path:
        pytest.fail("headless Chromium is missing (Debian packages chromium and chromium-driver); "
                    "run scripts/install-deps.sh")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_window_size(1400, 1000)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def console_url(server, path=""):
    """The console address of `path` (relative to /_portico/console/) on `server`."""
    return f"{server.endpoint}/_portico/console/{path.lstrip('/')}"


def open_console(driver, server, path=""):
    """Loads a console page and returns the driver (waits for the load event)."""
    driver.get(console_url(server, path))
    return driver


def screenshot(driver, name):
    """Saves the current page as $TEST_LOG_DIR/console-screenshots/{name}.png (the whole page
    height, so long pages are not cut) and returns the path."""
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    path = os.path.join(SCREENSHOT_DIR, f"{name}.png")
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 1000)")
    driver.set_window_size(1400, min(height + 120, 6000))
    driver.save_screenshot(path)
    driver.set_window_size(1400, 1000)
    return path


def fetch(server, path="", method="GET"):
    """(status, headers, body text) of a console request made without the browser (headers are
    not visible through WebDriver)."""
    request = urllib.request.Request(console_url(server, path), method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()
