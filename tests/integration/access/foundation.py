from tests.integration.access import (
    OK,
    SIGN_IN,
    Route,
    any_signed_in,
    mother_only,
    peer_only,
    public,
    staff_only,
)

ROUTES = [
    Route("auth.index", "GET", "/", SIGN_IN, OK, OK, OK, OK),
    public("visitors.units", "GET", "/units"),
    public("pwa.help", "GET", "/help"),
    public("static", "GET", "/static/js/app.js"),
    # Signed-in people are sent to their home from the sign-in page.
    public("auth.sign_in", "GET", "/sign-in"),
    public("auth.sign_in", "POST", "/sign-in"),
    public("auth.activate", "GET", "/activate"),
    public("auth.activate", "POST", "/activate"),
    public("auth.sign_out", "POST", "/sign-out"),
    any_signed_in("auth.account", "GET", "/account"),
    public("visitors.unit_page", "GET", "/units/{unit_slug}"),
    mother_only("bookings.home", "GET", "/me/", other_unit=OK),
    peer_only("caseload.home", "GET", "/peer/", other_unit=OK),
    staff_only("staff.home", "GET", "/staff/", other_unit=OK),
    staff_only("staff.people", "GET", "/staff/people", other_unit=OK),
    staff_only("staff.new_person", "GET", "/staff/people/new", other_unit=OK),
    staff_only("staff.new_person", "POST", "/staff/people/new", other_unit=OK),
    staff_only("staff.person", "GET", "/staff/people/{mother_id}"),
    staff_only("staff.discharge", "POST", "/staff/people/{mother_id}/discharge"),
    staff_only("staff.admit", "POST", "/staff/people/{mother_id}/admit"),
    staff_only("staff.new_code", "POST", "/staff/people/{mother_id}/code"),
    staff_only("staff.deactivate", "POST", "/staff/people/{peer_id}/deactivate"),
    staff_only("staff.reactivate", "POST", "/staff/people/{peer_id}/reactivate"),
    staff_only("staff.audit", "GET", "/staff/audit", other_unit=OK),
]


def build(world, factory):
    world["unit_slug"] = world["unit"].slug
    world["mother_id"] = world["mother"].id
    world["peer_id"] = world["peer_worker"].id


ROUTES += [
    public("auth.second_step", "GET", "/sign-in/two-step"),
    public("auth.second_step", "POST", "/sign-in/two-step"),
    any_signed_in("auth.two_step", "GET", "/account/two-step"),
    any_signed_in("auth.two_step_start", "POST", "/account/two-step/start"),
    any_signed_in("auth.two_step_confirm", "POST", "/account/two-step/confirm"),
    staff_only("staff.security", "GET", "/staff/security", other_unit=OK),
    staff_only("staff.security", "POST", "/staff/security", other_unit=OK),
    staff_only("staff.reset_two_step", "POST", "/staff/people/{peer_id}/reset-two-step"),
]
