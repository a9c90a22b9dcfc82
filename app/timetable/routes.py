"""The week's timetable for everyone signed in; sign-ups, ideas and a calendar feed for
mothers."""

from datetime import date, timedelta

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.public_address import calendar_subscription, public_host
from app.services import calendar_feeds, clock, signups
from app.services.activities import find_occurrence
from app.services.errors import DomainError, NotFoundInUnit
from app.services.suggestions import suggest_activity
from app.services.timetable import this_week_and_next
from app.timetable import bp
from app.timetable.forms import SuggestionForm


def parse_date_or_404(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(404)


def occurrence_or_404(activity_id: int, on_date: str):
    try:
        return find_occurrence(current_user, activity_id, parse_date_or_404(on_date))
    except NotFoundInUnit:
        abort(404)


@bp.route("/")
@role_required("mother", "peer_worker", "staff")
def week():
    today = clock.local_today(current_user.unit)
    weeks = this_week_and_next(
        current_user.unit, mother=current_user if current_user.is_mother else None
    )
    return render_template(
        "timetable/week.html",
        weeks=weeks,
        today=today,
        tomorrow=today + timedelta(days=1),
    )


def _place_action(activity_id: int, on_date: str, action, done: str):
    occurrence = occurrence_or_404(activity_id, on_date)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        action(current_user, occurrence, link=url_for("timetable.week"))
    except DomainError as refused:
        db.session.rollback()
        flash(refused.message)
    else:
        db.session.commit()
        flash(done.format(title=occurrence.activity.title))
    return redirect(url_for("timetable.week", _anchor=f"o-{activity_id}-{on_date}"))


@bp.route("/<int:activity_id>/<on_date>/sign-up", methods=["POST"])
@role_required("mother")
def sign_up(activity_id: int, on_date: str):
    return _place_action(activity_id, on_date, signups.sign_up, "You have a place at {title}.")


@bp.route("/<int:activity_id>/<on_date>/withdraw", methods=["GET", "POST"])
@role_required("mother")
def withdraw(activity_id: int, on_date: str):
    if request.method == "GET":
        occurrence = occurrence_or_404(activity_id, on_date)
        return render_template(
            "timetable/withdraw.html",
            occurrence=occurrence,
            mine=signups.own_row(current_user, occurrence),
            form=ConfirmForm(),
        )
    return _place_action(
        activity_id, on_date, signups.withdraw, "You are no longer signed up for {title}."
    )


@bp.route("/<int:activity_id>/<on_date>/wait", methods=["POST"])
@role_required("mother")
def wait(activity_id: int, on_date: str):
    return _place_action(
        activity_id,
        on_date,
        signups.join_waiting_list,
        "You are on the waiting list for {title}. We will tell you if a place frees up.",
    )


@bp.route("/suggest", methods=["GET", "POST"])
@role_required("mother")
def suggest():
    form = SuggestionForm()
    if form.validate_on_submit():
        suggest_activity(current_user, form.text.data)
        db.session.commit()
        flash("Thank you. Staff and peer support workers will see your idea.")
        return redirect(url_for("timetable.week"))
    return render_form("timetable/suggest.html", form)


@bp.route("/calendar")
@role_required("mother")
def calendar():
    return render_template(
        "timetable/calendar.html",
        has_feed=calendar_feeds.has_feed(current_user),
        feed_url=None,
        confirm_form=ConfirmForm(),
    )


@bp.route("/calendar/new", methods=["POST"])
@role_required("mother")
def new_calendar_link():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    token = calendar_feeds.new_feed_token(current_user)
    db.session.commit()
    feed_url, webcal_url = calendar_subscription("timetable.feed", token=token)
    # Shown once, on this response only: the token is stored as a hash.
    return render_template(
        "timetable/calendar.html",
        has_feed=True,
        feed_url=feed_url,
        webcal_url=webcal_url,
        confirm_form=ConfirmForm(),
    )


@bp.route("/calendar/off", methods=["POST"])
@role_required("mother")
def calendar_off():
    if ConfirmForm().validate_on_submit() and calendar_feeds.revoke_feed(current_user):
        db.session.commit()
        flash("Your calendar link is turned off. Calendars using it will stop updating.")
    return redirect(url_for("timetable.calendar"))


@bp.route("/feed/<token>.ics")
def feed(token: str):
    owner = calendar_feeds.feed_owner(token)
    if owner is None:
        abort(404)
    body = calendar_feeds.mother_calendar(owner, public_host())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer"},
    )
