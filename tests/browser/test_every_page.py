"""Every page of every role, in Chromium, at 390 px, at 320 px and with text at 200%:
zero axe violations (WCAG 2.2 A and AA, and the best-practice rules ``region`` and
``heading-order``), nothing that scrolls sideways (WCAG 2.2 1.4.10 Reflow), every item of
the navigation whole on screen, buttons and action links of at least 44 by 44 px, and no
time box too narrow for its "--:-- --" and the picker's clock.

The pages are the GET routes of the access table that answer 200 with HTML, as each
visitor who may see them.
"""

import pytest

from tests.integration.access import PAGE_VISITORS, pages_for

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
TOO_WIDE = """() => [...document.querySelectorAll("body *")]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && !e.children.length)
  .slice(0, 3).map(e => e.outerHTML.slice(0, 160))"""
# A time box's text and icon are drawn inside the browser, out of reach of scrollWidth:
# measure the widest time it shows, in its own font, and the icon and padding beside it.
CUT_OFF_TIMES = """() => [...document.querySelectorAll("input[type=time]")].filter(e => {
  const style = getComputedStyle(e), pen = document.createElement("canvas").getContext("2d");
  pen.font = style.font;
  const needed = pen.measureText("88:88 PM").width + 2 * parseFloat(style.fontSize)
    + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return e.clientWidth < needed;
}).map(e => e.id)"""
# Every item of the header's navigation is whole on screen (not cut off or wrapped out of
# its bar), and it and every button or action link is at least 44 by 44 px.
SMALL_OR_HIDDEN = """() => {
  const found = [];
  const size = (el, r) => (r.width < 44 || r.height < 44) && found.push(
    `${Math.round(r.width)}x${Math.round(r.height)}: ${el.outerHTML.slice(0, 100)}`);
  for (const el of document.querySelectorAll(".nhsuk-header__navigation-link")) {
    const r = el.getBoundingClientRect(), bar = el.closest("nav").getBoundingClientRect();
    if (!r.width && !r.height && el.matches(".nhsuk-header__menu-toggle")) continue;  // no "More"
    if (!el.checkVisibility() || r.left < bar.left - 1 || r.right > bar.right + 1
        || r.top < bar.top - 1 || r.bottom > bar.bottom + 1) found.push(`cut: ${el.textContent}`);
    size(el, r);
  }
  for (const el of document.querySelectorAll("main .nhsuk-button, main .nhsuk-action-link")) {
    if (el.checkVisibility()) size(el, el.getBoundingClientRect());
  }
  return found;
}"""
# Each page is loaded once and seen three ways. At 390 and 320 px axe runs every WCAG rule
# (a narrow screen shows other parts, such as the header's "More" menu). Larger text shows
# the same parts as 390 px (the media queries are in em of the browser's own size, not the
# page's), so there axe runs only the rules that depend on layout.
WAYS = {
    "390 px": ({"width": 390, "height": 844}, None),
    "text at 200%": ({"width": 390, "height": 844}, "200%"),
    "320 px": ({"width": 320, "height": 640}, None),
}
LAYOUT_RULES = ("color-contrast", "target-size", "scrollable-region-focusable")


def html_pages(page, urls):
    for url in urls:
        response = page.request.get(url)  # with the page's cookies; a feed is not a page
        if response.ok and response.headers["content-type"].startswith("text/html"):
            yield url


@pytest.mark.parametrize("visitor", PAGE_VISITORS)
def test_every_page_is_accessible_at_every_size(
    new_context, world, sign_in_as, assert_accessible, visitor
):
    page = new_context().new_page()
    if visitor != "anonymous":
        sign_in_as(page, world[visitor])
    urls = list(html_pages(page, pages_for(visitor, world)))
    assert len(urls) >= 5, urls
    for url in urls:
        page.set_viewport_size(WAYS["390 px"][0])
        page.goto(url)
        for way, (viewport, text_size) in WAYS.items():
            page.set_viewport_size(viewport)
            # as a phone's larger text setting would (the CSS is in rem)
            page.evaluate("size => { document.documentElement.style.fontSize = size }", text_size)
            assert page.evaluate(SIDEWAYS) <= 0, (url, way, page.evaluate(TOO_WIDE))
            assert page.evaluate(CUT_OFF_TIMES) == [], (url, way)
            small_or_hidden = page.evaluate(SMALL_OR_HIDDEN)
            assert small_or_hidden == [], (url, way, small_or_hidden)
            if text_size:
                assert_accessible(page, only=LAYOUT_RULES)
            else:
                assert_accessible(page, best_practice=("region", "heading-order"))


def test_the_feedback_report_with_hidden_figures_fits_the_narrowest_phone(
    new_context, factory, unit, sign_in_as, frozen_now
):
    from datetime import date, datetime

    from tests.feedback_helpers import add_responses

    frozen_now(datetime(2027, 4, 2, 12))
    add_responses(unit, "unit", date(2027, 2, 15), ["very_good"] * 5 + ["good"] * 7 + ["poor"])
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in_as(page, factory.user(role="staff", unit=unit))
    page.goto("/staff/feedback/")
    assert page.get_by_text("not shown", exact=True).count() == 4
    assert page.evaluate(SIDEWAYS) <= 0


def test_the_header_fits_the_narrowest_phone_with_text_at_200_percent(
    new_context, world, sign_in_as
):
    """The NHS logo and "Peer support" side by side are wider than 320 px at 200% text: the
    name goes under the logo rather than off the edge."""
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in_as(page, world["mother"])
    for url in ("/me/", f"/units/{world['unit'].slug}"):
        page.goto(url)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        name = page.locator(".nhsuk-header__service-name").bounding_box()
        assert name["x"] + name["width"] <= 320, url
        assert page.evaluate(SIDEWAYS) <= 0, url
