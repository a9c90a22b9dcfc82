"""Choosing what happens to each session and group date still booked with a peer worker
who will be away: on her leave page, and on her staff page when her account is closed.

Each session goes to someone free then (``leave.touched_between`` says who) or is
cancelled with a reason; each group date gets another leader or is cancelled. Every
item has its own form, prefixed by its key, so that no two fields share an id.
"""

from flask import abort, flash, url_for
from flask_login import current_user

from app.availability.forms import LeaveChoiceForm
from app.extensions import db
from app.forms import refuse
from app.services import activities, bookings
from app.services.errors import DomainError


def session_key(booking) -> str:
    return f"session-{booking.id}"


def group_key(occurrence) -> str:
    return f"group-{occurrence.activity.id}-{occurrence.on_date.isoformat()}"


def _choice_form(prefix: str, people, label: str, cancel: str):
    form = LeaveChoiceForm(prefix=prefix, formdata=None)
    form.choice.choices = [*((f"to-{p.id}", f"{p.display_name} {label}") for p in people)]
    form.choice.choices.append(("cancel", cancel))
    return form


def forms_for(touched, failed=None) -> dict:
    """A form per item, by key; ``failed`` is the (key, form) just posted, shown again."""
    forms = {}
    for booking, partners in touched.sessions:
        key = session_key(booking)
        forms[key] = _choice_form(key, partners, "takes it", "Cancel it")
    for occurrence, leaders in touched.groups:
        key = group_key(occurrence)
        forms[key] = _choice_form(key, leaders, "leads it", "Cancel this date")
    if failed is not None:
        key, form = failed
        form.choice.choices = forms[key].choice.choices if key in forms else []
        forms[key] = form
    return forms


def _chosen(form) -> int | None:
    """The person chosen in a "to-<id>" answer, or None for "cancel"."""
    value = form.choice.data or ""
    if value == "cancel":
        return None
    if value.startswith("to-") and value[3:].isdigit() and len(value) < 12:
        return int(value[3:])
    raise DomainError("Choose what happens to it", "choice")


def _decide(key: str, act, message: str, done, again):
    """Validate the posted choice for one item and carry it out, or show the page again."""
    form = LeaveChoiceForm(prefix=key)
    if form.validate_on_submit():
        try:
            act(_chosen(form), form.reason.data or "")
            db.session.commit()
        except DomainError as error:
            refuse(form, error, "choice")
        else:
            flash(message)
            return done()
    return again((key, form))


def decide_session(touched, booking_id: int, *, done, again):
    found = next(((b, p) for b, p in touched.sessions if b.id == booking_id), None)
    if found is None:
        abort(404)
    booking, partners = found
    link = url_for("bookings.sessions")

    def act(partner_id, reason):
        partner = next((p for p in partners if p.id == partner_id), None)
        if partner is not None:
            bookings.hand_over(current_user, booking, partner, link=link)
        elif partner_id is None:
            bookings.cancel_by_peer(current_user, booking, reason, link=link)
        else:
            raise DomainError("That person is not free then. Choose again.", "choice")

    return _decide(session_key(booking), act, "Done. She has been told.", done, again)


def decide_group(touched, activity_id: int, on_date: str, *, done, again):
    found = next(
        (
            (o, p)
            for o, p in touched.groups
            if o.activity.id == activity_id and o.on_date.isoformat() == on_date
        ),
        None,
    )
    if found is None:
        abort(404)
    occurrence, leaders = found

    def act(leader_id, reason):
        if leader_id is None:
            activities.cancel_occurrence(
                current_user, occurrence, reason, link=url_for("timetable.week")
            )
        elif any(p.id == leader_id for p in leaders):
            activities.cover_occurrence(current_user, occurrence, leader_id)
        else:
            raise DomainError("Choose who leads it that day", "choice")

    message = "Done. The timetable shows the change."
    return _decide(group_key(occurrence), act, message, done, again)
