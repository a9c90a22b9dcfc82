from flask import flash, redirect, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.availability import bp, handover
from app.availability.forms import ExtraWindowForm, PauseForm, WeeklyWindowForm
from app.confirm import confirm_page
from app.extensions import db
from app.forms import ConfirmForm, refuse, render_form
from app.models import AvailabilityPause, AvailabilityWindow
from app.services import availability as service
from app.services import caseload, clock
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
            refuse(form, error)
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
                current_user,
                form.first_day.data,
                form.last_day.data,
                form.kind.data,
                form.starts.data,
                form.ends.data,
            )
            db.session.commit()
        except DomainError as error:
            refuse(form, error, "first_day")
        else:
            then = "then" if pause.is_break else "on those days"
            if touched_by(current_user, pause).is_empty:
                flash(f"Saved. No new sessions will be offered {then}.")
                return redirect(url_for("availability.availability"))
            flash(
                f"Saved. No new sessions will be offered {then}. Now choose what happens to what was booked."
            )
            return redirect(url_for("availability.pause", pause_id=pause.id))
    return _render(pause_form=form)


def _own_pause(pause_id: int) -> AvailabilityPause:
    return get_in_unit_or_404(
        AvailabilityPause, pause_id, AvailabilityPause.peer_worker_id == current_user.id
    )


def _render_pause(pause, failed=None):
    touched = touched_by(current_user, pause)
    forms = handover.forms_for(touched, failed)
    return render_form(
        "availability/pause.html",
        failed[1] if failed else next(iter(forms.values()), ConfirmForm()),
        pause=pause,
        touched=touched,
        forms=forms,
        session_url=lambda b: url_for(
            "availability.decide_session", pause_id=pause.id, booking_id=b.id
        ),
        group_url=lambda o: url_for(
            "availability.decide_group",
            pause_id=pause.id,
            activity_id=o.activity.id,
            on_date=o.on_date.isoformat(),
        ),
    )


@bp.route("/pauses/<int:pause_id>")
def pause(pause_id):
    return _render_pause(_own_pause(pause_id))


@bp.route("/pauses/<int:pause_id>/sessions/<int:booking_id>", methods=["POST"])
def decide_session(pause_id, booking_id):
    pause = _own_pause(pause_id)
    return handover.decide_session(
        touched_by(current_user, pause),
        booking_id,
        done=lambda: redirect(url_for("availability.pause", pause_id=pause.id)),
        again=lambda failed: _render_pause(pause, failed),
    )


@bp.route("/pauses/<int:pause_id>/groups/<int:activity_id>/<on_date>", methods=["POST"])
def decide_group(pause_id, activity_id, on_date):
    pause = _own_pause(pause_id)
    return handover.decide_group(
        touched_by(current_user, pause),
        activity_id,
        on_date,
        done=lambda: redirect(url_for("availability.pause", pause_id=pause.id)),
        again=lambda failed: _render_pause(pause, failed),
    )


@bp.route("/windows/<int:window_id>/remove", methods=["GET", "POST"])
def remove_window(window_id):
    window = get_in_unit_or_404(
        AvailabilityWindow, window_id, AvailabilityWindow.peer_worker_id == current_user.id
    )
    if request.method == "GET":
        return confirm_page(
            f"remove your {'weekly' if window.is_weekly else 'extra'} time, {window.label}",
            [
                "Mothers can no longer book this time.",
                "Sessions already booked in it stay booked: cancel them from your today "
                "view or the caseload, with a reason.",
            ],
            action=url_for("availability.remove_window", window_id=window.id),
            go_back=url_for("availability.availability"),
            button="Yes, remove this time",
        )
    done = _save(
        ConfirmForm(), lambda f: service.remove_window(current_user, window), "Time removed."
    )
    return done or _render()


@bp.route("/pauses/<int:pause_id>/remove", methods=["GET", "POST"])
def remove_pause(pause_id):
    pause = _own_pause(pause_id)
    if request.method == "GET":
        return confirm_page(
            f"remove your {'leave' if pause.kind == 'leave' else 'pause'}, {pause.days}",
            [
                "Mothers can book you again on these days, inside your weekly times and "
                "contracted hours.",
            ],
            action=url_for("availability.remove_pause", pause_id=pause.id),
            go_back=url_for("availability.availability"),
            button="Yes, remove it",
        )
    done = _save(ConfirmForm(), lambda f: service.remove_pause(current_user, pause), "Removed.")
    return done or _render()
