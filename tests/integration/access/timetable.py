from datetime import timedelta

from app.extensions import db
from app.services import clock
from app.services.calendar_feeds import new_feed_token
from tests.factories import ActivityFactory, SignUpFactory
from tests.integration.access import (
    FORBIDDEN,
    NOT_FOUND,
    SAME,
    SIGN_IN,
    Route,
    allowed_status,
    any_signed_in,
    mother_only,
    public,
    staff_only,
)


def runs_timetable(endpoint, method, url, status=None, other_unit=NOT_FOUND, **kw):
    """Staff and peer workers; mothers get 403."""
    status = allowed_status(method, status)
    return Route(endpoint, method, url, SIGN_IN, FORBIDDEN, status, status, other_unit, **kw)


OCCURRENCE = "/timetable/groups/{activity_id}/{on_date}"
PLACE = "/timetable/{activity_id}/{on_date}"

ROUTES = [
    any_signed_in("timetable.week", "GET", "/timetable/"),
    mother_only("timetable.sign_up", "POST", PLACE + "/sign-up"),
    mother_only("timetable.withdraw", "GET", PLACE + "/withdraw"),
    mother_only("timetable.withdraw", "POST", PLACE + "/withdraw"),
    mother_only("timetable.wait", "POST", PLACE + "/wait"),
    mother_only("timetable.suggest", "GET", "/timetable/suggest", other_unit=SAME),
    mother_only("timetable.suggest", "POST", "/timetable/suggest", 400, other_unit=SAME),
    mother_only("timetable.calendar", "GET", "/timetable/calendar", other_unit=SAME),
    # The new link is shown once.
    mother_only(
        "timetable.new_calendar_link", "POST", "/timetable/calendar/new", 200, other_unit=SAME
    ),
    mother_only("timetable.calendar_off", "POST", "/timetable/calendar/off", other_unit=SAME),
    public("timetable.feed", "GET", "/timetable/feed/{feed_token}.ics"),
    runs_timetable("timetable.groups", "GET", "/timetable/groups", other_unit=SAME),
    runs_timetable("timetable.new_group", "GET", "/timetable/groups/new", other_unit=SAME),
    runs_timetable("timetable.new_group", "POST", "/timetable/groups/new", 400, other_unit=SAME),
    runs_timetable("timetable.edit_group", "GET", "/timetable/groups/{activity_id}/edit"),
    runs_timetable("timetable.edit_group", "POST", "/timetable/groups/{activity_id}/edit", 400),
    runs_timetable("timetable.group_dates", "GET", "/timetable/groups/{activity_id}"),
    runs_timetable("timetable.occurrence", "GET", OCCURRENCE),
    runs_timetable("timetable.cancel", "POST", OCCURRENCE + "/cancel", 400),
    runs_timetable("timetable.move", "POST", OCCURRENCE + "/move", 400),
    runs_timetable("timetable.restore", "POST", OCCURRENCE + "/restore"),
    runs_timetable("timetable.suggestions", "GET", "/timetable/suggestions", other_unit=SAME),
    staff_only("timetable.visitor_info", "GET", "/timetable/visitors", other_unit=SAME),
    staff_only("timetable.visitor_info", "POST", "/timetable/visitors", other_unit=SAME),
    staff_only("timetable.visitor_poster", "GET", "/timetable/visitors/poster", other_unit=SAME),
    public("visitors.unit_calendar", "GET", "/units/{unit_slug}/calendar.ics"),
]


def build(world, factory):
    # Open to mothers after discharge, so that every flag's tag is on the checked pages.
    activity = ActivityFactory(
        unit=world["unit"], leader=world["peer_worker"], open_to_discharged=True
    )
    on_date = clock.local_today(world["unit"]) + timedelta(days=7)
    # She has a place, so the page asking whether she wants to give it up is the real one.
    SignUpFactory(activity=activity, mother=world["mother"], on_date=on_date, seat=1)
    world["activity_id"] = activity.id
    world["on_date"] = on_date.isoformat()
    world["unit_slug"] = world["unit"].slug
    world["feed_token"] = new_feed_token(world["mother"])
    db.session.commit()
