from datetime import date

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.access import get_in_unit_or_404
from app.bookings import bp
from app.bookings.forms import BabyCareForm, BookForm, PhoneNumberForm, RestTimeForm
from app.extensions import db
from app.forms import ConfirmForm, refuse, render_form
from app.models import Booking, TalkRequest, User
from app.public_address import public_host
from app.services import (
    bookings,
    calendar_feeds,
    clock,
    discharge_feedback,
    peer_support,
    phone_calls,
    rest_time,
    talk,
    what_changed,
)
from app.services.errors import DomainError
from app.services.help_contacts import urgent_contacts
from app.services.slots import bookable_peer_workers, booking_days, free_slot_count, plan_day
from app.template_helpers import local_date, local_time


@bp.route("/")
def home():
    if peer_support.needs_first_look(current_user):
        return redirect(url_for("peer_support.about"))
    today = clock.local_today(current_user.unit)
    sessions = what_changed.sessions_to_come(current_user)
    return render_template(
        "bookings/home.html",
        today=today,
        who_is_in=peer_support.who_is_in(current_user.unit, today),
        next_session=sessions.next,
        changed_sessions=sessions.changed,
        changed_groups=what_changed.changed_groups(current_user),
        answered_points=what_changed.answered_points(current_user),
        offers=what_changed.offered_places(current_user),
        talk_request=talk.request_to_show(current_user),
        ask_about_stay=discharge_feedback.should_ask(current_user),
    )


@bp.route("/changes/seen", methods=["POST"])
def changes_seen():
    what_changed.mark_seen(current_user)
    db.session.commit()
    return redirect(url_for("bookings.home"))


@bp.route("/sessions")
def sessions():
    upcoming, past = bookings.mothers_sessions(current_user)
    return render_template("bookings/sessions.html", upcoming=upcoming, past=past, now=clock.now())


def _booking_closed_reason(today):
    try:
        bookings.ensure_can_book(current_user, today)
    except DomainError as error:
        return error.message
    return None


@bp.route("/sessions/book")
def choose_day():
    today = clock.local_today(current_user.unit)
    closed = _booking_closed_reason(today)
    days = [] if closed else booking_days(current_user, today)
    counts = free_slot_count(
        current_user, bookable_peer_workers(current_user.unit), days, clock.now()
    )
    return render_template(
        "bookings/choose_day.html", days=days, counts=counts, today=today, closed=closed
    )


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        abort(404)


def _chosen_worker(workers: list[User], value: str | None) -> User | None:
    """ "any" (or nothing) means whoever is free; an id outside the unit is an error."""
    if value in (None, "", "any"):
        return None
    found = next((w for w in workers if str(w.id) == value), None)
    if found is None:
        raise DomainError("Choose who you would like to talk to.", "with_whom")
    return found


@bp.route("/sessions/book/<day>", methods=["GET", "POST"])
def book_day(day):
    day = _parse_day(day)
    today = clock.local_today(current_user.unit)
    form = BookForm()
    if request.method == "GET":
        form.with_whom.data = request.args.get("with", "any")
        form.phone.data = current_user.callback_phone
    elif form.validate_on_submit():
        try:
            worker = _chosen_worker(bookable_peer_workers(current_user.unit), form.with_whom.data)
            booking = bookings.book_session(
                current_user,
                form.starts_at.instant,
                worker,
                form.topic.data or "",
                link_for=lambda made: url_for("caseload.session", booking_id=made.id),
                mother_rings_unit=form.call.data == "i_ring",
                phone=form.phone.data or "",
                baby_care=form.baby_care.data,
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            on_page = error.field in ("topic", "call", "phone", "baby_care")
            (form[error.field] if on_page else form.starts_at).errors.append(error.message)
        except IntegrityError:
            db.session.rollback()
            form.starts_at.errors.append(bookings.SLOT_TAKEN)
        else:
            flash(
                f"Booked: {booking.starts_at.astimezone(current_user.unit.tz):%A %-d %B at %H:%M}"
                f" with {booking.peer_worker.display_name}."
            )
            return redirect(url_for("bookings.sessions"))
    return _render_day(form, day, today)


def _render_day(form, day, today):
    workers = bookable_peer_workers(current_user.unit)
    closed = _booking_closed_reason(today)
    try:
        chosen = _chosen_worker(workers, form.with_whom.data)
    except DomainError:
        chosen, form.with_whom.data = None, "any"
    in_range = day in booking_days(current_user, today)
    free = []
    if in_range and not closed:
        free = plan_day(current_user, [chosen] if chosen else workers, day, clock.now()).free
    times = {}
    for slot in free:
        times.setdefault(slot.starts_at, slot)
    names = {w.id: w.display_name for w in workers}
    return render_form(
        "bookings/book_day.html",
        form,
        day=day,
        in_range=in_range,
        closed=closed,
        workers=workers,
        chosen=chosen,
        times=list(times.values()),
        names=names,
    )


@bp.route("/sessions/<int:booking_id>/cancel", methods=["GET", "POST"])
def cancel(booking_id):
    booking = get_in_unit_or_404(Booking, booking_id, Booking.mother_id == current_user.id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            bookings.cancel_by_mother(current_user, booking, link=url_for("caseload.today"))
            db.session.commit()
        except DomainError as error:
            refuse(form, error)
        else:
            flash("Your session is cancelled. You can book another time whenever you like.")
            return redirect(url_for("bookings.sessions"))
    return render_form("bookings/cancel.html", form, booking=booking)


@bp.route("/sessions/<int:booking_id>/baby", methods=["GET", "POST"])
def baby_care(booking_id):
    booking = get_in_unit_or_404(Booking, booking_id, Booking.mother_id == current_user.id)
    form = BabyCareForm(data={"baby_care": booking.baby_care})
    if form.validate_on_submit():
        try:
            bookings.change_baby_care(current_user, booking, form.baby_care.data)
        except DomainError as error:
            refuse(form, error, "baby_care")
        else:
            db.session.commit()
            flash("Saved. The peer worker and the nursery staff will see your answer.")
            return redirect(url_for("bookings.sessions"))
    return render_form("bookings/baby_care.html", form, booking=booking)


@bp.route("/sessions/<int:booking_id>/calendar.ics")
def session_calendar(booking_id):
    booking = get_in_unit_or_404(Booking, booking_id, Booking.mother_id == current_user.id)
    return Response(
        calendar_feeds.session_calendar(booking, public_host()),
        mimetype="text/calendar",
        headers={
            "Content-Disposition": "attachment; filename=session.ics",
            "Cache-Control": "private, no-store",
        },
    )


@bp.route("/phone", methods=["GET", "POST"])
def phone_number():
    form = PhoneNumberForm(data={"phone": current_user.callback_phone})
    if form.validate_on_submit():
        phone_calls.save_number(current_user, form.phone.data)
        db.session.commit()
        flash("Your phone number is saved." if form.phone.data else "Your phone number is removed.")
        return redirect(url_for("auth.account"))
    return render_form("bookings/phone.html", form)


@bp.route("/rest", methods=["GET", "POST"])
def rest():
    saved = {
        name: value.strftime("%H:%M") if value else ""
        for name, value in (
            ("rest_from", current_user.rest_from),
            ("rest_until", current_user.rest_until),
        )
    }
    form = RestTimeForm(data=saved)
    if form.validate_on_submit():
        try:
            rest_time.save_rest_time(current_user, form.rest_from.chosen, form.rest_until.chosen)
        except DomainError as error:
            refuse(form, error, "rest_from")
        else:
            db.session.commit()
            label = rest_time.label(current_user)
            flash(f"Your rest time is saved: {label}." if label else "Your rest time is removed.")
            for booking in rest_time.sessions_in_rest(current_user, clock.now()):
                when = f"{local_date(booking.starts_at)} at {local_time(booking.starts_at)}"
                flash(
                    f"Your session on {when} is during your rest time. It stays booked and "
                    "you will be reminded as usual. You can cancel it from your sessions page."
                )
            return redirect(url_for("auth.account"))
    return render_form("bookings/rest.html", form)


@bp.route("/talk", methods=["GET", "POST"])
def talk_today():
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            talk.request_talk(current_user, link=url_for("caseload.caseload"))
            db.session.commit()
        except DomainError as error:
            refuse(form, error)
        except IntegrityError:
            db.session.rollback()
            form.form_errors.append(talk.ALREADY_ASKED)
        else:
            flash("Thank you. The peer workers will see that you would like to talk.")
            return redirect(url_for("bookings.home"))
    unit = current_user.unit
    next_shift = talk.next_shift(unit)
    return render_form(
        "bookings/talk.html",
        form,
        asked=talk.open_request(current_user),
        next_shift=next_shift,
        working_today=talk.is_working_today(unit, next_shift),
        contacts=urgent_contacts(current_user, clock.local_today(unit)),
    )


@bp.route("/talk/<int:request_id>/withdraw", methods=["POST"])
def withdraw_talk(request_id: int):
    found = get_in_unit_or_404(TalkRequest, request_id)
    if found.mother_id != current_user.id:
        abort(404)
    try:
        talk.withdraw_talk(current_user, found)
    except DomainError as error:
        db.session.rollback()
        flash(error.message)
    else:
        db.session.commit()
        flash("You have withdrawn your request to talk. You can ask again at any time.")
    return redirect(url_for("bookings.home"))
