from flask import abort, flash, redirect, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.availability import bp
from app.availability.forms import ExtraWindowForm, LeaveChoiceForm, PauseForm, WeeklyWindowForm
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.models import AvailabilityPause, AvailabilityWindow
from app.services import activities, bookings, caseload, clock
from app.services import availability as service
from app.services.errors import DomainError
from app.services.leave import touched_by


def _render(weekly_form=None, extra_form=None, pause_form=None):
    forms = {
        "weekly_form": weekly_form or WeeklyWindowForm(formdata=None),
        "extra_form": extra_form or ExtraWindowForm(formdata=None),
        "pause_form": pause_form or PauseForm(formdata=None),
    }
    failed = next((f for f in forms.values() if f.errors), forms["weekly_form"])
    weekly, extra, pauses = service.availability_of(current_user)
    return render_form(
        "availability/availability.html",
        failed,
        **forms,
        weekly=weekly,
        extra=extra,
        pauses=pauses,
        weekdays=service.WEEKDAYS,
        view=caseload.today_for(current_user),
        today=clock.local_today(current_user.unit),
        confirm_form=ConfirmForm(),
    )


def _save(form, change, done: str):
    """Validate, apply one change, commit; otherwise show the form's errors on the page."""
    if form.validate_on_submit():
        try:
            change(form)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            field = getattr(form, error.field, None) if error.field else None
            (field.errors if field is not None else form.form_errors).append(error.message)
        else:
            flash(done)
            return redirect(url_for("availability.availability"))
    return None


@bp.route("/")
def availability():
    return _render()


@bp.route("/weekly", methods=["POST"])
def add_weekly():
    form = WeeklyWindowForm()
    done = _save(
        form,
        lambda f: service.add_weekly_window(current_user, f.weekdays.data or [], f.times()),
        "Weekly availability added.",
    )
    return done or _render(weekly_form=form)


@bp.route("/extra", methods=["POST"])
def add_extra():
    form = ExtraWindowForm()
    done = _save(
        form,
        lambda f: service.add_extra_window(current_user, f.on_date.data, f.times()),
        "Extra time added.",
    )
    return done or _render(extra_form=form)


@bp.route("/pauses", methods=["POST"])
def add_pause():
    form = PauseForm()
    if form.validate_on_submit():
        try:
            pause = service.add_pause(
                current_user, form.first_day.data, form.last_day.data, form.kind.data
            )
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "first_day").errors.append(error.message)
        else:
            if touched_by(current_user, pause).is_empty:
                flash("Saved. No new sessions will be offered on those days.")
                return redirect(url_for("availability.availability"))
            flash(
                "Saved. No new sessions will be offered on those days. Now choose what happens to what was booked."
            )
            return redirect(url_for("availability.pause", pause_id=pause.id))
    return _render(pause_form=form)


def _own_pause(pause_id: int) -> AvailabilityPause:
    return get_in_unit_or_404(
        AvailabilityPause, pause_id, AvailabilityPause.peer_worker_id == current_user.id
    )


def _choice_form(prefix: str, options: list[tuple[str, str]], cancel: str):
    form = LeaveChoiceForm(prefix=prefix, formdata=None)
    form.choice.choices = [*options, ("cancel", cancel)]
    return form


def _forms_for(touched, failed=None):
    """A form per session and per group date; ``failed`` is (key, form) just posted."""
    forms = {}
    for booking, partners in touched.sessions:
        key = f"session-{booking.id}"
        forms[key] = _choice_form(
            key, [(f"to-{p.id}", f"{p.display_name} takes it") for p in partners], "Cancel it"
        )
    for occurrence, leaders in touched.groups:
        key = f"group-{occurrence.activity.id}-{occurrence.on_date.isoformat()}"
        forms[key] = _choice_form(
            key, [(f"to-{p.id}", f"{p.display_name} leads it") for p in leaders], "Cancel this date"
        )
    if failed is not None:
        key, form = failed
        form.choice.choices = forms[key].choice.choices if key in forms else []
        forms[key] = form
    return forms


def _render_pause(pause, failed=None):
    touched = touched_by(current_user, pause)
    forms = _forms_for(touched, failed)
    return render_form(
        "availability/pause.html",
        failed[1] if failed else next(iter(forms.values()), ConfirmForm()),
        pause=pause,
        touched=touched,
        forms=forms,
    )


@bp.route("/pauses/<int:pause_id>")
def pause(pause_id):
    return _render_pause(_own_pause(pause_id))


def _chosen(form) -> int | None:
    """The person chosen in a "to-<id>" answer, or None for "cancel"."""
    value = form.choice.data or ""
    if value == "cancel":
        return None
    if value.startswith("to-") and value[3:].isdigit() and len(value) < 12:
        return int(value[3:])
    raise DomainError("Choose what happens to it", "choice")


def _decide(pause, key: str, act, done: str):
    """Validate the posted choice for one item and carry it out, or show the page again."""
    form = LeaveChoiceForm(prefix=key)
    if form.validate_on_submit():
        try:
            act(_chosen(form), form.reason.data or "")
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "choice").errors.append(error.message)
        else:
            flash(done)
            return redirect(url_for("availability.pause", pause_id=pause.id))
    return _render_pause(pause, failed=(key, form))


@bp.route("/pauses/<int:pause_id>/sessions/<int:booking_id>", methods=["POST"])
def decide_session(pause_id, booking_id):
    pause = _own_pause(pause_id)
    found = next(
        ((b, p) for b, p in touched_by(current_user, pause).sessions if b.id == booking_id), None
    )
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

    return _decide(pause, f"session-{booking.id}", act, "Done. She has been told.")


@bp.route("/pauses/<int:pause_id>/groups/<int:activity_id>/<on_date>", methods=["POST"])
def decide_group(pause_id, activity_id, on_date):
    pause = _own_pause(pause_id)
    found = next(
        (
            (o, p)
            for o, p in touched_by(current_user, pause).groups
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

    return _decide(
        pause, f"group-{activity_id}-{on_date}", act, "Done. The timetable shows the change."
    )


@bp.route("/windows/<int:window_id>/remove", methods=["POST"])
def remove_window(window_id):
    window = get_in_unit_or_404(
        AvailabilityWindow, window_id, AvailabilityWindow.peer_worker_id == current_user.id
    )
    done = _save(
        ConfirmForm(), lambda f: service.remove_window(current_user, window), "Time removed."
    )
    return done or _render()


@bp.route("/pauses/<int:pause_id>/remove", methods=["POST"])
def remove_pause(pause_id):
    pause = get_in_unit_or_404(
        AvailabilityPause, pause_id, AvailabilityPause.peer_worker_id == current_user.id
    )
    done = _save(ConfirmForm(), lambda f: service.remove_pause(current_user, pause), "Removed.")
    return done or _render()
