"""Peer sessions: a mother's bookings and talk requests, a peer worker's caseload,
today view, sessions, handover notes and availability."""

from datetime import time, timedelta

from app.services import clock
from tests.factories import HandoverNoteFactory, TalkRequestFactory
from tests.integration.access import NOT_FOUND, SAME, mother_only, peer_only
from tests.sessions_support import booked, every_day, leave

ROUTES = [
    mother_only("bookings.sessions", "GET", "/me/sessions", other_unit=SAME),
    mother_only("bookings.choose_day", "GET", "/me/sessions/book", other_unit=SAME),
    mother_only("bookings.book_day", "GET", "/me/sessions/book/{day}", other_unit=SAME),
    mother_only("bookings.book_day", "POST", "/me/sessions/book/{day}", 400, other_unit=SAME),
    mother_only("bookings.cancel", "GET", "/me/sessions/{booking_id}/cancel"),
    mother_only("bookings.cancel", "POST", "/me/sessions/{booking_id}/cancel"),
    mother_only("bookings.baby_care", "GET", "/me/sessions/{booking_id}/baby"),
    # Posted empty: her answer stays as it was.
    mother_only("bookings.baby_care", "POST", "/me/sessions/{booking_id}/baby"),
    mother_only("bookings.session_calendar", "GET", "/me/sessions/{booking_id}/calendar.ics"),
    mother_only("bookings.phone_number", "GET", "/me/phone", other_unit=SAME),
    mother_only("bookings.phone_number", "POST", "/me/phone", other_unit=SAME),
    mother_only("bookings.rest", "GET", "/me/rest", other_unit=SAME),
    # Posted empty: both "No rest time", which clears it.
    mother_only("bookings.rest", "POST", "/me/rest", other_unit=SAME),
    mother_only("bookings.talk_today", "GET", "/me/talk", other_unit=SAME),
    # She has asked today already (see build); the other unit's mother has not.
    mother_only("bookings.talk_today", "POST", "/me/talk", 400, other_unit=302),
    mother_only("bookings.withdraw_talk", "POST", "/me/talk/{request_id}/withdraw"),
    mother_only("bookings.changes_seen", "POST", "/me/changes/seen", other_unit=SAME),
    peer_only("caseload.caseload", "GET", "/peer/caseload", other_unit=SAME),
    peer_only("caseload.today", "GET", "/peer/today", other_unit=SAME),
    peer_only("caseload.week", "GET", "/peer/week", other_unit=SAME),
    peer_only("caseload.session", "GET", "/peer/sessions/{booking_id}"),
    peer_only(
        "caseload.cancel_session",
        "POST",
        "/peer/sessions/{booking_id}/cancel",
        data={"reason": "Ill"},
    ),
    peer_only("caseload.session_outcome", "POST", "/peer/sessions/{booking_id}/outcome", 400),
    peer_only("caseload.talk_answered", "POST", "/peer/talk/{request_id}/answered"),
    peer_only("caseload.handover_note", "GET", "/peer/mothers/{mother_id}/note"),
    peer_only("caseload.handover_note", "POST", "/peer/mothers/{mother_id}/note"),
    peer_only("availability.availability", "GET", "/peer/availability/", other_unit=SAME),
    peer_only("availability.add_weekly", "POST", "/peer/availability/weekly", 400, other_unit=SAME),
    peer_only("availability.add_extra", "POST", "/peer/availability/extra", 400, other_unit=SAME),
    peer_only("availability.add_pause", "POST", "/peer/availability/pauses", 400, other_unit=SAME),
    peer_only(  # are you sure?
        "availability.remove_window",
        "GET",
        "/peer/availability/windows/{window_id}/remove",
        other_unit=NOT_FOUND,
    ),
    peer_only(
        "availability.remove_window",
        "POST",
        "/peer/availability/windows/{window_id}/remove",
        other_unit=NOT_FOUND,
    ),
    peer_only("availability.remove_pause", "GET", "/peer/availability/pauses/{pause_id}/remove"),
    peer_only("availability.remove_pause", "POST", "/peer/availability/pauses/{pause_id}/remove"),
    peer_only("availability.pause", "GET", "/peer/availability/pauses/{pause_id}"),
    # Her leave is later than the booking and touches no group: neither is found in it.
    peer_only(
        "availability.decide_session",
        "POST",
        "/peer/availability/pauses/{pause_id}/sessions/{booking_id}",
        NOT_FOUND,
    ),
    peer_only(
        "availability.decide_group",
        "POST",
        "/peer/availability/pauses/{pause_id}/groups/1/{day}",
        NOT_FOUND,
    ),
]


def build(world, factory):
    unit, peer, mother = world["unit"], world["peer_worker"], world["mother"]
    today = clock.local_today(unit)
    windows = every_day(peer, starts="09:00", ends="17:00")
    pause = leave(peer, today + timedelta(days=20))
    tomorrow_noon = clock.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
    booking = booked(mother, peer, tomorrow_noon, baby_care="nursery")
    # Today's list for staff and the peer worker shows a session, and her rest time shows.
    booked(mother, peer, tomorrow_noon - timedelta(hours=22), baby_care="with_me")
    mother.rest_from, mother.rest_until = time(14), time(15)
    request = TalkRequestFactory(mother=mother)
    HandoverNoteFactory(mother=mother, updated_by=peer)  # shown with who changed it
    world.update(
        day=(today + timedelta(days=1)).isoformat(),
        booking_id=booking.id,
        request_id=request.id,
        window_id=windows[0].id,
        pause_id=pause.id,
    )
