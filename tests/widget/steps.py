"""Shared steps of the widget's browser tests: open the chat, ask, check with axe, measure the layout."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

ANSWER_TIMEOUT = 30_000
SHADOW = "document.querySelector('#ldn-chat-widget').shadowRoot"


def open_chat(page):
    page.get_by_role("button", name="Chat about LDN").click()
    page.get_by_role("dialog").wait_for()
    return page


def send(page, text):
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")


def ask(page, text):
    """Sends text and returns the newest bot bubble's text once the answer is in."""
    before = page.locator(".msg.bot").count()
    send(page, text)
    page.locator(".msg.bot").nth(before).wait_for(timeout=ANSWER_TIMEOUT)
    expect(page.locator(".typing")).to_be_hidden(timeout=ANSWER_TIMEOUT)
    return text_of(page.locator(".msg.bot").last)


def waiting_on_a_fake_clock(page, fake, text, delay):
    """Opens the chat with the page's clock under the test's control and sends `text`, answered after `delay` s."""
    page.clock.install()
    page.reload()
    open_chat(page)
    fake.answer(delay=delay)
    send(page, text)
    page.locator(".typing").wait_for()
    return page


def text_of(bubble):
    """A bubble's text as seen, without the screen-reader prefix ("Assistant at 10:42: ")."""
    return bubble.evaluate("""n => Array.from(n.childNodes)
        .filter(c => !(c.classList && c.classList.contains('sr-only')))
        .map(c => c.nodeType === 1 ? c.innerText : c.textContent).join('\\n').trim()""")


def log_contains(page, text):
    expect(page.get_by_role("log")).to_contain_text(text, timeout=ANSWER_TIMEOUT)


def serious_violations(page):
    """axe-core's serious and critical findings on the page as it is now (empty when all is well)."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])})"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def active_in_widget(page):
    """The class or id of the focused element inside the widget, '' when focus is outside it."""
    return page.evaluate(
        f"(() => {{ const a = {SHADOW}.activeElement; return a ? (a.id || a.className || a.tagName) : ''; }})()"
    )


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def stored(page, area="localStorage"):
    """The widget's saved state in the given storage area, or None."""
    import json

    raw = page.evaluate(f"Object.keys({area}).filter(k => k.startsWith('ldn-chat:')).map(k => {area}.getItem(k))")
    return json.loads(raw[0]) if raw else None


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def rgb(css_color):
    import re

    return tuple(int(float(x)) for x in re.findall(r"[\d.]+", css_color)[:3])


def tel(number):
    """The tel: link the widget makes of a number as the settings write it."""
    import re

    return "tel:" + re.sub(r"[^0-9+]", "", number)


def lines_of(link):
    """On how many lines a link's text is drawn (1: not split)."""
    return link.evaluate("""n => { const r = document.createRange(); r.selectNodeContents(n);
        return new Set(Array.from(r.getClientRects()).filter(b => b.width > 0).map(b => Math.round(b.top))).size; }""")


def assert_big_numbers_on_one_line(container, minimum=44):
    """Every tel: link inside is at least minimum x minimum CSS px and drawn on one line; returns their hrefs."""
    links = container.locator("a[href^='tel:']")
    hrefs = []
    for i in range(links.count()):
        link = links.nth(i)
        link.scroll_into_view_if_needed()
        size = link.bounding_box()
        assert size["width"] >= minimum and size["height"] >= minimum, (link.inner_text(), size)
        assert lines_of(link) == 1, link.inner_text()
        hrefs.append(link.get_attribute("href"))
    return hrefs


def assert_names_the_emergency_numbers(alert, clinic):
    """A sending error: the emergency number, then the crisis line, then the clinic, each a big tap-to-call link."""
    hrefs = assert_big_numbers_on_one_line(alert)
    assert hrefs == [tel(clinic["emergency_number"]), tel(clinic["crisis_line"]), tel(clinic["clinic_phone"])], hrefs
    text = alert.inner_text()
    assert f"call {clinic['emergency_number']}" in text and f"call or text {clinic['crisis_line']}" in text, text
