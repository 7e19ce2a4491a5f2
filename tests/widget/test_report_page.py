"""The clinic's report (built from live conversations) opens offline in Chromium: no console errors, no requests."""

import pytest

from tests.report.live_report import live_report

pytestmark = [pytest.mark.model, pytest.mark.servers]


def test_the_report_opens_offline_in_chromium_without_errors(live, tmp_path_factory, chromium, artifacts):
    report = live_report(live, tmp_path_factory)
    page = chromium.new_page(viewport={"width": 1100, "height": 900})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    url = (report / "report.html").as_uri()
    page.goto(url)
    assert page.locator("h1").inner_text() == "LDN assistant: the clinic's report"
    images = page.locator("img")
    assert images.count() == 5
    assert all(images.nth(i).evaluate("img => img.complete && img.naturalWidth > 100") for i in range(images.count()))
    assert page.locator("#not_answered tbody tr").count() == 2
    page.screenshot(path=str(artifacts / "report-live.png"), full_page=True)
    page.close()
    assert problems == []
    assert requests == [url]  # the page itself: no CDN, font or anything else
