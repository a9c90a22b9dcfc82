"""Staff make this month's code and print the poster; a partner on a phone reads what the
unit offers partners and sends feedback with the poster's code."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.models import FamilyFeedbackCode, FeedbackResponse

SHOTS = Path("/tmp/shots-family19")


@pytest.mark.parametrize("width, height", [(390, 844), (320, 640)])
def test_staff_change_the_code_and_a_partner_sends_feedback_with_it(
    new_context, factory, unit, sign_in_as, assert_accessible, width, height
):
    SHOTS.mkdir(exist_ok=True)
    unit.family_rooms = "A family room with a sofa bed and a shower. Ask the nurse in charge."
    db.session.commit()
    staff = new_context(viewport={"width": width, "height": height}).new_page()
    sign_in_as(staff, factory.user(role="staff", unit=unit))
    staff.goto("/staff/")
    staff.get_by_role("link", name="Make a new code and print the poster").click()
    expect(staff.get_by_text("There is no code for this month")).to_be_visible()
    staff.screenshot(path=SHOTS / f"staff-no-code-{width}.png", full_page=True)
    staff.get_by_role("button", name="Make a new code").click()
    staff.get_by_role("button", name="Yes, make a new code").click()
    expect(staff.get_by_text("For March 2027")).to_be_visible()
    db.session.commit()
    code = db.session.query(FamilyFeedbackCode).one().code
    expect(staff.locator(".app-family-code")).to_have_text(f"{code[:3]} {code[3:]}")
    assert_accessible(staff, best_practice=("region", "heading-order"))
    staff.screenshot(path=SHOTS / f"staff-code-{width}.png", full_page=True)
    staff.get_by_role("link", name="Print the poster for the visitors' room").click()
    expect(staff.get_by_text("This code is for March 2027")).to_be_visible()
    expect(staff.get_by_role("img", name="QR code")).to_be_visible()
    assert_accessible(staff, best_practice=("region", "heading-order"))
    staff.screenshot(path=SHOTS / f"poster-{width}.png", full_page=True)
    staff.emulate_media(media="print")
    staff.screenshot(path=SHOTS / f"poster-print-{width}.png", full_page=True)

    partner = new_context(viewport={"width": width, "height": height}).new_page()
    partner.goto(f"/units/{unit.slug}")
    expect(partner.get_by_role("heading", name="For partners")).to_be_visible()
    expect(partner.get_by_text("A family room with a sofa bed")).to_be_visible()
    samaritans = partner.get_by_role("link", name=re.compile(r"^Call 116 123\W+Samaritans$"))
    expect(samaritans).to_have_attribute("href", "tel:116123")
    box = samaritans.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert partner.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert_accessible(partner, best_practice=("region", "heading-order"))
    partner.locator("#for-partners").scroll_into_view_if_needed()
    partner.screenshot(path=SHOTS / f"visitors-partners-{width}.png", full_page=True)

    partner.get_by_role("link", name="Give feedback about your visit").click()
    partner.get_by_label("Good", exact=True).check()
    partner.get_by_label("Tell us why (optional)").fill("Staff made me feel welcome.")
    partner.get_by_label("Code from the poster").fill("wrong1")
    partner.get_by_role("button", name="Send feedback").click()
    expect(partner.locator(".nhsuk-error-summary")).to_contain_text("The code is not right")
    assert_accessible(partner, best_practice=("region", "heading-order"))
    partner.screenshot(path=SHOTS / f"feedback-error-{width}.png", full_page=True)
    partner.get_by_label("Code from the poster").fill(code.lower())
    partner.get_by_role("button", name="Send feedback").click()
    expect(partner.get_by_role("heading", name="Thank you for your feedback")).to_be_visible()
    assert_accessible(partner, best_practice=("region", "heading-order"))
    partner.screenshot(path=SHOTS / f"feedback-sent-{width}.png", full_page=True)
    db.session.commit()
    [answer] = db.session.query(FeedbackResponse).all()
    assert (answer.topic, answer.answer) == ("family", "good")
    assert answer.comment == "Staff made me feel welcome."


def test_staff_make_the_partners_list_their_own_at_phone_size(
    new_context, factory, unit, sign_in_as, assert_accessible
):
    SHOTS.mkdir(exist_ok=True)
    staff = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in_as(staff, factory.user(role="staff", unit=unit))
    staff.goto("/staff/partner-support")
    staff.get_by_role("button", name="Change this list").click()
    staff.get_by_role("button", name=re.compile(r"^Move up\W+Samaritans$")).click()
    expect(staff.locator(".app-support-list h2").first).to_have_text("Samaritans")
    staff.get_by_role("link", name=re.compile(r"^Remove\W+Your GP$")).click()
    staff.get_by_role("button", name="Yes, remove it").click()
    expect(staff.get_by_text("Your GP is removed from the list.")).to_be_visible()
    assert_accessible(staff, best_practice=("region", "heading-order"))
    staff.screenshot(path=SHOTS / "staff-partner-support-320.png", full_page=True)
    partner = new_context(viewport={"width": 320, "height": 640}).new_page()
    partner.goto(f"/units/{unit.slug}")
    support = partner.locator("#support-for-you + p + ul h3")
    expect(support.first).to_have_text("Samaritans")
    expect(partner.get_by_text("Your GP")).to_have_count(0)
