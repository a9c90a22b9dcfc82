"""In Chromium at a phone viewport: a mother sends anonymous feedback; staff read it only
once its batch is complete. Every feedback page passes axe with zero violations."""

from datetime import date, datetime

from playwright.sync_api import expect

from app.extensions import db
from app.services.feedback import record_feedback
from tests.feedback_helpers import add_responses

WEDNESDAY = datetime(2027, 3, 10, 12)
CLOSED = datetime(2027, 3, 17, 9)  # answers for the week of 8 March are closed


def test_a_mother_sends_feedback_and_staff_see_it_once_the_batch_is_complete(
    page, new_context, factory, unit, sign_in_as, assert_accessible, frozen_now
):
    frozen_now(WEDNESDAY)
    add_responses(unit, "unit", date(2027, 3, 8), ["good", "poor"], ["Earlier one", "Earlier two"])
    mother = factory.user(role="mother", unit=unit, display_name="Aisling")
    staff = factory.user(role="staff", unit=unit)

    sign_in_as(page, mother)
    page.goto("/feedback/")
    assert_accessible(page)
    page.get_by_role("link", name="The unit overall", exact=True).click()
    assert page.get_by_label("The unit overall").is_checked()
    page.get_by_role("button", name="Send feedback").click()  # no answer chosen
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select how your experience was")
    assert_accessible(page)
    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Tell us why (optional)").fill("The night staff made me feel safe")
    assert "Samaritans" in page.content() and "option 2" in page.content()
    page.get_by_role("button", name="Send feedback").click()
    page.wait_for_url("**/feedback/sent")
    assert "Thank you for your feedback" in page.content()
    assert_accessible(page)
    page.goto("/feedback/")
    expect(page.get_by_text("Sent this week")).to_be_visible()

    desk = new_context().new_page()
    sign_in_as(desk, staff)
    desk.goto("/staff/feedback/comments")
    assert "No comments to show yet" in desk.content()
    assert "The night staff made me feel safe" not in desk.content()
    assert_accessible(desk)

    frozen_now(CLOSED)  # with two others on her topic that week, the batch holds three
    sign_in_as(desk, staff)  # days later: signed in afresh
    desk.goto("/staff/feedback/comments")
    for text in ("The night staff made me feel safe", "Earlier one", "Earlier two"):
        assert text in desk.content()
    assert_accessible(desk)
    desk.get_by_role("button", name="Hide this comment").first.click()
    assert_accessible(desk)  # it asks first
    desk.get_by_role("button", name="Yes, hide the comment").click()
    expect(desk.get_by_text("The comment is hidden")).to_be_visible()
    assert_accessible(desk)


def test_staff_report_and_publishing_pages_are_accessible(
    page, factory, unit, sign_in_as, assert_accessible, frozen_now
):
    frozen_now(WEDNESDAY)
    february = date(2027, 2, 15)  # a month whose figures have appeared
    add_responses(unit, "unit", february, ["very_good"] * 5 + ["good"] * 7 + ["poor"] * 3)
    add_responses(unit, "groups", february, ["good"] * 3)
    sign_in_as(page, factory.user(role="staff", unit=unit))
    page.goto("/staff/feedback/")
    chart = page.get_by_role("img", name="The unit overall: percentage positive by month")
    assert chart.is_visible()
    assert "Fewer than 5 responses" in page.content()
    assert_accessible(page)
    page.goto("/staff/feedback/you-said-we-did")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter what mothers told you")
    assert_accessible(page)
    page.get_by_label("Groups and activities").check()
    page.get_by_label("You said").fill("Evenings felt long")
    page.get_by_label("We did").fill("A craft group on Tuesday evenings")
    page.get_by_role("button", name="Publish").click()
    assert_accessible(page)  # the preview, which asks first
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.get_by_text("Published. Mothers of the unit can now see it.")).to_be_visible()
    expect(page.get_by_text("A craft group on Tuesday evenings", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto("/staff/involvement")
    assert_accessible(page)


def test_the_involvement_page_is_accessible(page, factory, unit, sign_in_as, assert_accessible):
    sign_in_as(page, factory.user(role="mother", unit=unit))
    page.goto("/get-involved")
    assert_accessible(page)
    page.get_by_label("How should we contact you?").fill("07700 900123")
    page.get_by_role("button", name="Yes, tell me about ways to get involved").click()
    expect(page.get_by_role("button", name="Take my name off the list")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Take my name off the list").click()
    expect(page.get_by_text("We have deleted your contact details", exact=False)).to_be_visible()


def test_the_form_marks_what_she_answered_counts_what_is_left_and_keeps_send_close(
    page, factory, unit, sign_in_as, assert_accessible, frozen_now
):
    frozen_now(WEDNESDAY)
    mother = factory.user(role="mother", unit=unit)
    record_feedback(mother, "unit", "good", "")
    db.session.commit()
    sign_in_as(page, mother)
    page.goto("/feedback/give?topic=unit")  # a link kept from before she answered
    answered = page.get_by_role("radio", name="The unit overall")
    expect(answered).not_to_be_checked()
    expect(answered).to_have_accessible_description("You answered this week")
    expect(page.get_by_role("radio", name="Peer support")).to_have_accessible_description("")

    comment = page.get_by_label("Tell us why (optional)")
    comment.fill("The night staff made me feel safe")  # 33 characters
    expect(page.locator(".nhsuk-character-count__status")).to_have_text(
        "You have 967 characters remaining"
    )
    expect(page.get_by_text("Staff read comments a week or more later")).to_be_hidden()
    send = page.get_by_role("button", name="Send feedback")
    gap = send.bounding_box()["y"] - (
        comment.bounding_box()["y"] + comment.bounding_box()["height"]
    )
    assert gap < 200, gap  # the closed note and the count, not a page of reading
    expect(page.get_by_text("Samaritans")).to_be_visible()
    assert_accessible(page, best_practice=("region", "heading-order"))
