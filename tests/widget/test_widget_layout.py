"""Where the widget sits and what it shows first (issue 17, items 3, 4 and 5): the disclaimer on a phone's first
screen, a launcher the clinic places and that shrinks out of the way, and a waiting indicator never cut off."""

import pytest
from playwright.sync_api import expect

from bot.nlg import render
from tests.widget.conftest import DESKTOP, LANDSCAPE, TOUCH_PHONE, ZOOM_400
from tests.widget.steps import SHADOW, ask, box, open_chat, send, serious_violations

LONG_ANSWER = "\n\n".join(f"Paragraph {i} of a long answer that a patient reads from its start." for i in range(1, 25))
LONG_PAGE = """() => { const main = document.querySelector('main') || document.body;
    const filler = document.createElement('div'); filler.style.height = '3000px'; main.appendChild(filler);
    const footer = document.createElement('footer'); footer.style.padding = '1rem';
    footer.innerHTML = '<a href="#a">Privacy</a> <a href="#b">Contact</a> <a href="#c">Terms</a>';
    footer.style.textAlign = 'right';  // as on a real page, before the widget (added at the end of the body)
    document.body.insertBefore(footer, document.getElementById('ldn-chat-widget')); }"""


def _text_fully_shown(page, selector):
    """Every line of the element's text is drawn inside the element and inside the window (no ellipsis, no clip)."""
    return page.evaluate(f"""(() => {{ const n = {SHADOW}.querySelector('{selector}'), r = document.createRange();
        r.selectNodeContents(n); const b = n.getBoundingClientRect(), s = getComputedStyle(n);
        const lines = Array.from(r.getClientRects()).filter(x => x.width > 0);
        return s.textOverflow !== 'ellipsis' || s.whiteSpace !== 'nowrap' ?
            lines.every(x => x.top >= b.top - 1 && x.bottom <= b.bottom + 1 && x.right <= b.right + 1 &&
                             x.bottom <= innerHeight && x.right <= innerWidth) && n.scrollHeight <= n.clientHeight + 1
            : false; }})()""")


@pytest.mark.parametrize(
    "layout", {"phone-390x844": TOUCH_PHONE, "landscape": {"viewport": LANDSCAPE, "has_touch": True, "is_mobile": True}}
)
def test_the_first_screen_on_a_phone_shows_what_the_assistant_is_and_that_it_is_not_medical_advice(
    widget_page, artifacts, layout
):
    options = {
        "phone-390x844": TOUCH_PHONE,
        "landscape": {"viewport": LANDSCAPE, "has_touch": True, "is_mobile": True},
    }[layout]
    page = open_chat(widget_page(**options))
    assert page.locator(".banner p").inner_text() == render("widget_banner")  # the server's words, whatever they are
    assert _text_fully_shown(page, ".banner p")
    expect(page.locator(".replies button").first).to_be_in_viewport()  # room left for the starters
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / f"widget-{layout}-first-screen.png"))
    ask(page, "what is ldn")  # once the patient has started, the banner keeps to one line that expands
    assert not _text_fully_shown(page, ".banner p")
    assert page.get_by_role("button", name="More").get_attribute("aria-expanded") == "false"


def test_the_clinic_chooses_the_launchers_corner_and_offset(widget_page):
    page = widget_page("/embed?position=bottom-left&offset=24px%2080px")
    launcher = box(page, ".launcher")
    assert launcher["x"] == 24 and DESKTOP["height"] - (launcher["y"] + launcher["height"]) == 80
    open_chat(page)
    panel = box(page, ".panel")
    assert panel["x"] == 24 and panel["y"] + panel["height"] < launcher["y"]  # opens above it, on its side
    top = widget_page("/embed?position=top-right&offset=2rem")
    launcher = box(top, ".launcher")
    assert launcher["y"] == 32 and DESKTOP["width"] - (launcher["x"] + launcher["width"]) == 32
    open_chat(top)
    assert box(top, ".panel")["y"] > launcher["y"] + launcher["height"]  # below it
    default = widget_page("/embed?position=nowhere&offset=lots")  # anything else: the default corner
    launcher = box(default, ".launcher")
    assert DESKTOP["width"] - (launcher["x"] + launcher["width"]) == 16


@pytest.mark.parametrize("layout", {"desktop-1280x800": {"viewport": DESKTOP}, "zoom-400": ZOOM_400})
def test_the_launcher_shrinks_to_a_named_icon_at_the_bottom_of_the_page_and_in_narrow_windows(
    widget_page, artifacts, layout
):
    options = {"desktop-1280x800": {"viewport": DESKTOP}, "zoom-400": ZOOM_400}[layout]
    page = widget_page(**options)
    page.evaluate(LONG_PAGE)
    launcher = page.get_by_role("button", name="Chat about LDN")
    narrow = layout == "zoom-400"
    assert (launcher.bounding_box()["width"] <= 64) == narrow
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(page.locator(".launcher")).to_have_class("launcher compact")
    size = launcher.bounding_box()
    assert size["width"] <= 64 and size["height"] >= 44 and abs(size["width"] - size["height"]) < 2
    for link in page.locator("footer a").all():  # the page's last lines scroll clear of it
        b = link.bounding_box()
        assert b["y"] + b["height"] <= size["y"] or b["x"] + b["width"] <= size["x"], link.inner_text()
    assert not serious_violations(page)
    page.screenshot(path=str(artifacts / f"widget-launcher-compact-{layout}.png"))
    page.evaluate("window.scrollTo(0, 0)")
    if narrow:  # a narrow window keeps the icon everywhere
        expect(page.locator(".launcher")).to_have_class("launcher compact")
    else:
        expect(page.locator(".launcher")).not_to_have_class("launcher compact")
    launcher.click()
    expect(page.get_by_role("dialog")).to_be_visible()


LAYOUTS = {
    "phone-390x844": TOUCH_PHONE,
    "laptop-1366x768": {"viewport": {"width": 1366, "height": 768}},
    "landscape": {"viewport": LANDSCAPE, "has_touch": True, "is_mobile": True},
    "zoom-400": ZOOM_400,
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_waiting_indicator_is_never_cut_off(widget_page, fake, artifacts, layout):
    page = open_chat(widget_page(**LAYOUTS[layout]))
    fake.answer(body=[{"text": LONG_ANSWER}])
    ask(page, "tell me everything")
    page.evaluate(f"{SHADOW}.querySelector('.scroller').scrollTop = 1e6")
    fake.answer(delay=6)
    send(page, "and then?")
    expect(page.locator(".typing-text")).not_to_be_empty(timeout=6_000)
    page.wait_for_timeout(400)  # the dots' bounce at its highest
    typing, scroller = box(page, ".typing"), box(page, ".scroller")
    assert scroller["y"] <= typing["y"] and typing["y"] + typing["height"] <= scroller["y"] + scroller["height"], (
        typing,
        scroller,
    )
    page.screenshot(path=str(artifacts / f"widget-still-working-{layout}.png"))
