"""The family visitors' pages: public, no account, and never a word about who is admitted."""

from flask import Response, render_template
from sqlalchemy import select

from app.access import unit_by_slug_or_404
from app.extensions import db
from app.models import Unit
from app.public_address import calendar_subscription, public_host
from app.services import clock
from app.services.calendar_feeds import public_calendar
from app.services.partner_support import support_for_partners
from app.services.peer_support import about_text, text_blocks, who_is_in
from app.services.timetable import this_week, timetable
from app.visitors import bp


@bp.route("")
def units():
    found = db.session.scalars(select(Unit).order_by(Unit.name)).all()
    return render_template("visitors/units.html", units=found)


@bp.route("/<slug>")
def unit_page(slug: str):
    unit = unit_by_slug_or_404(slug)
    first, last = this_week(unit)
    days = [day for day in timetable(unit, first, last, public=True) if day.entries]
    feed_url, webcal_url = calendar_subscription("visitors.unit_calendar", slug=unit.slug)
    return render_template(
        "visitors/unit.html",
        unit=unit,
        visitor_days=days,
        about_blocks=text_blocks(about_text(unit, "visitors")),
        who_is_in=who_is_in(unit, clock.local_today(unit), public=True),
        today=first,
        partner_support=support_for_partners(unit),
        feed_url=feed_url,
        webcal_url=webcal_url,
    )


@bp.route("/<slug>/calendar.ics")
def unit_calendar(slug: str):
    unit = unit_by_slug_or_404(slug)
    return Response(
        public_calendar(unit, public_host()),
        mimetype="text/calendar",
        headers={"Cache-Control": "public, max-age=900"},
    )
