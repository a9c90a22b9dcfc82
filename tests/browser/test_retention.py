"""Staff set how long records are kept, on a phone, with an accessible error."""

from app.extensions import db


def test_staff_change_the_retention_period(page, factory, unit, sign_in_as, assert_accessible):
    staff = factory.user(role="staff", unit=unit)
    sign_in_as(page, staff)
    page.get_by_role("link", name="How long records are kept").click()
    assert_accessible(page)

    field = page.get_by_label("Months to keep a mother's records after her support ends")
    field.fill("0")
    page.get_by_role("button", name="Save").click()
    page.locator(".nhsuk-error-summary").wait_for()
    assert page.title().startswith("Error:")
    assert_accessible(page)

    field.fill("18")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("kept for 18 months").wait_for()
    db.session.rollback()  # end the test's read snapshot to see the server's commit
    assert unit.retention_months == 18
