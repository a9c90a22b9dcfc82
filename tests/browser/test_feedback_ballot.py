"""In Chromium: the phone takes a ballot, then sends the answer on its own, also after
losing signal; a second answer to the same topic that week is refused."""

from datetime import datetime

from playwright.sync_api import expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import FeedbackResponse, FeedbackToken


def rows(model):
    db.session.rollback()  # see what the live server committed
    return db.session.scalar(select(func.count()).select_from(model))


def test_an_answer_sent_offline_arrives_once_the_phone_is_back_online(
    page, factory, unit, sign_in_as, assert_accessible, frozen_now
):
    frozen_now(datetime(2027, 3, 10, 12))
    sign_in_as(page, factory.user(role="mother", unit=unit))
    page.goto("/feedback/give?topic=groups")
    page.get_by_label("Very good").check()
    page.get_by_label("Tell us why (optional)").fill("Baby massage helped me sleep")
    page.evaluate("navigator.serviceWorker.ready")

    page.context.set_offline(True)
    page.get_by_role("button", name="Send feedback").click()
    status = page.locator("[data-feedback-status]")
    expect(status).to_contain_text("Your feedback on groups and activities is saved on this phone")
    expect(page.locator("form[data-ballot]")).to_be_hidden()
    assert rows(FeedbackToken) == 0 and rows(FeedbackResponse) == 0
    assert_accessible(page)

    page.context.set_offline(False)
    expect(status).to_contain_text("has arrived", timeout=15_000)
    assert rows(FeedbackToken) == 1
    stored = db.session.scalars(select(FeedbackResponse)).one()
    assert (stored.topic, stored.answer, stored.comment) == (
        "groups",
        "very_good",
        "Baby massage helped me sleep",
    )
    assert_accessible(page)

    # The same topic again this week: the ballot is refused and the server says why.
    page.goto("/feedback/give?topic=groups")
    page.get_by_label("Groups and activities").check()
    page.get_by_label("Poor", exact=True).check()
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "You have already given feedback on this topic this week"
    )
    assert rows(FeedbackResponse) == 1
    assert_accessible(page)


def test_the_sent_page_says_the_answer_arrived(page, factory, unit, sign_in_as, frozen_now):
    frozen_now(datetime(2027, 3, 10, 12))
    sign_in_as(page, factory.user(role="mother", unit=unit))
    page.goto("/feedback/give?topic=unit")
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/sent")
    expect(page.locator("[data-feedback-status]")).to_contain_text(
        "Your feedback on the unit overall has arrived"
    )
    page.goto("/feedback/")
    expect(page.get_by_text("Sent this week")).to_be_visible()
    assert rows(FeedbackResponse) == 1


def test_without_javascript_the_form_still_works_and_says_what_differs(
    new_context, factory, unit, sign_in_as, frozen_now
):  # axe needs JavaScript in the page: the same page is checked with it above
    frozen_now(datetime(2027, 3, 10, 12))
    page = new_context(java_script_enabled=False).new_page()
    sign_in_as(page, factory.user(role="mother", unit=unit))
    page.goto("/feedback/give?topic=unit")
    note = page.locator("noscript p")  # Playwright's text search skips <noscript>
    assert note.bounding_box()["height"] > 0
    assert "answer and the record that you gave it reach the app together" in note.inner_html()
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/sent")
    assert rows(FeedbackToken) == 1 and rows(FeedbackResponse) == 1


def test_the_signing_code_loads_only_once_she_starts_to_answer(
    page, factory, unit, sign_in_as, frozen_now
):
    frozen_now(datetime(2027, 3, 10, 12))
    sign_in_as(page, factory.user(role="mother", unit=unit))
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto("/feedback/give?topic=groups")
    page.wait_for_load_state("networkidle")
    assert not [url for url in asked if "feedback-ballot" in url]  # 13 KB the page spares

    with page.expect_request("**/static/js/feedback-ballot.js"):
        page.get_by_label("Very good").check()
