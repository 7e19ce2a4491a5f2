"""A real headless Chromium (Debian's package), driven by Playwright, against the real servers."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
# Without the background-networking flags Chromium keeps trying to reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make browser` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, client):
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.goto(f"{client.url}/webhooks/widget/")
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


LANDSCAPE = {"width": 844, "height": 390}
# Browser zoom at 200% and 400% of a 1280x800 window: the CSS viewport shrinks by the zoom factor.
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
ZOOM_400 = {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4}
TOUCH_PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
SHADOW = "document.querySelector('#ldn-chat-widget').shadowRoot"


@pytest.fixture
def fake():
    """The widget served by a loopback stand-in of the assistant that answers as a test tells it."""
    from tests.widget.fake_assistant import FakeAssistant

    assistant = FakeAssistant()
    yield assistant
    assistant.close()


@pytest.fixture
def widget_page(chromium, fake):
    """open(**context options) -> a page showing the demo clinic page with the widget, on the fake assistant."""
    contexts = []

    def open_page(path="/webhooks/widget/", **options):
        options.setdefault("viewport", DESKTOP)
        context = chromium.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(fake.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
