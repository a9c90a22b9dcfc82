from datetime import timedelta

from app.services import clock
from tests.integration.access import (
    NOT_FOUND,
    SAME,
    SIGN_IN,
    Route,
    any_signed_in,
    mother_only,
    peer_only,
    public,
    staff_only,
)

ROUTES = [
    # Signed-in people are sent to their home from the front page and the sign-in page.
    Route("auth.index", "GET", "/", SIGN_IN, 302, 302, 302, 302),
    public("visitors.units", "GET", "/units"),
    public("pwa.help", "GET", "/help"),
    public("static", "GET", "/static/js/app.js"),
    Route("auth.sign_in", "GET", "/sign-in", 200, 302, 302, 302, 302),
    Route("auth.sign_in", "POST", "/sign-in", 400, 302, 302, 302, 302),
    public("auth.activate", "GET", "/activate"),
    public("auth.activate", "POST", "/activate", 400),
    public("auth.sign_out", "POST", "/sign-out", SIGN_IN),
    any_signed_in("auth.account", "GET", "/account"),
    Route("auth.session_state", "GET", "/session", 401, 204, 204, 204, SAME),
    any_signed_in("auth.sign_out_everywhere", "POST", "/sign-out/everywhere", SIGN_IN),
    # "Stay signed in": a page's script reads the answer; signed out, it goes to sign in.
    Route("auth.keep_alive", "POST", "/session/keep-alive", 401, 200, 200, 200, SAME),
    public("visitors.unit_page", "GET", "/units/{unit_slug}"),
    mother_only("bookings.home", "GET", "/me/", other_unit=SAME),
    peer_only("caseload.home", "GET", "/peer/", other_unit=SAME),
    staff_only("staff.home", "GET", "/staff/", other_unit=SAME),
    staff_only("staff.people", "GET", "/staff/people", other_unit=SAME),
    staff_only("staff.new_person", "GET", "/staff/people/new", other_unit=SAME),
    staff_only("staff.new_person", "POST", "/staff/people/new", 400, other_unit=SAME),
    staff_only("staff.person", "GET", "/staff/people/{mother_id}"),
    # The same page with the forms only a peer worker and a discharged mother have.
    staff_only("staff.person", "GET", "/staff/people/{peer_id}"),
    staff_only("staff.person", "GET", "/staff/people/{discharged_id}"),
    staff_only("staff.discharge", "POST", "/staff/people/{mother_id}/discharge", 400),
    staff_only("staff.admit", "POST", "/staff/people/{mother_id}/admit", 400),
    staff_only("staff.support_until", "POST", "/staff/people/{mother_id}/support-until", 400),
    staff_only("staff.community_team", "POST", "/staff/people/{mother_id}/community-team", 400),
    staff_only("staff.contracted_hours", "POST", "/staff/people/{peer_id}/hours", 400),
    staff_only("staff.new_code", "POST", "/staff/people/{mother_id}/code", 200),  # shown once
    staff_only("staff.deactivate", "GET", "/staff/people/{peer_id}/deactivate"),  # are you sure?
    staff_only("staff.deactivate", "POST", "/staff/people/{peer_id}/deactivate"),
    staff_only("staff.reactivate", "POST", "/staff/people/{peer_id}/reactivate"),
    # Only a closed peer worker's page offers these: the world's peer worker is open.
    staff_only("staff.decide_session", "POST", "/staff/people/{peer_id}/sessions/1", NOT_FOUND),
    staff_only(
        "staff.decide_group", "POST", "/staff/people/{peer_id}/groups/1/2027-05-05", NOT_FOUND
    ),
    staff_only("staff.audit", "GET", "/staff/audit", other_unit=SAME),
    staff_only("staff.sessions_today", "GET", "/staff/sessions/today", other_unit=SAME),
]


def build(world, factory):
    world["unit_slug"] = world["unit"].slug
    world["mother_id"] = world["mother"].id
    world["peer_id"] = world["peer_worker"].id
    today = clock.local_today(world["unit"])
    world["discharged_id"] = factory.user(
        "mother",
        world["unit"],
        discharged_on=today - timedelta(days=5),
        support_until=today + timedelta(weeks=12),
    ).id


ROUTES += [
    # No password was given first: back to the sign-in page.
    public("auth.second_step", "GET", "/sign-in/two-step", SIGN_IN),
    public("auth.second_step", "POST", "/sign-in/two-step", SIGN_IN),
    any_signed_in("auth.two_step", "GET", "/account/two-step"),
    # The secret is shown once; mothers do not use two-step sign-in and are sent back.
    Route("auth.two_step_start", "POST", "/account/two-step/start", SIGN_IN, 302, 200, 200, SAME),
    # Not started: back to the two-step page.
    any_signed_in("auth.two_step_confirm", "POST", "/account/two-step/confirm"),
    staff_only("staff.security", "GET", "/staff/security", other_unit=SAME),
    staff_only("staff.security", "POST", "/staff/security", 400, other_unit=SAME),
    staff_only("staff.reset_two_step", "POST", "/staff/people/{peer_id}/reset-two-step"),
]
