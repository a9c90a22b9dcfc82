"""Staff: when the team's meeting is held, the points raised with a mother's name, and
the themes of points raised without one."""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.models.activity import WEEKDAY_NAMES
from app.services import clock, meetings, voice
from app.services.errors import DomainError, NotFoundInUnit
from app.voice import bp
from app.voice.forms import CancelMeetingForm, MoveMeetingForm, ScheduleForm


@bp.route("/staff/voice")
@role_required("staff")
def staff_overview():
    unit = current_user.unit
    today = clock.local_today(unit)
    raised = voice.raised_with_names(unit)
    voice.record_reads(current_user, raised)
    db.session.commit()
    return render_template(
        "voice/staff.html",
        schedule=meetings.schedule_for(unit),
        meetings=meetings.meetings_between(unit, today, today + meetings.HORIZON),
        raised=raised,
        themes=voice.theme_counts(unit),
        weekday_names=WEEKDAY_NAMES,
    )


@bp.route("/staff/voice/schedule", methods=["GET", "POST"])
@role_required("staff")
def schedule():
    form = ScheduleForm(obj=meetings.schedule_for(current_user.unit))
    if form.validate_on_submit():
        meetings.set_schedule(
            current_user, form.weekday.data, form.starts_at.data, form.starts_on.data
        )
        db.session.commit()
        flash("The meeting time is saved.")
        return redirect(url_for("voice.staff_overview"))
    if not form.is_submitted() and form.starts_on.data is None:
        form.starts_on.data = clock.local_today(current_user.unit)
    return render_form("voice/schedule.html", form)


def _meeting_or_404(on_date: str) -> meetings.Meeting:
    try:
        return meetings.meeting_on(current_user.unit, date.fromisoformat(on_date))
    except (ValueError, NotFoundInUnit):
        abort(404)


def _render_meeting(meeting, cancel_form=None, move_form=None):
    tz = current_user.unit.tz
    move_form = move_form or MoveMeetingForm(
        data={
            "new_date": meeting.starts_at.astimezone(tz).date(),
            "starts_at": meeting.starts_at.astimezone(tz).time(),
        }
    )
    cancel_form = cancel_form or CancelMeetingForm()
    return render_template(
        "voice/meeting.html",
        meeting=meeting,
        cancel_form=cancel_form,
        move_form=move_form,
        form=cancel_form if cancel_form.errors else move_form,
        confirm_form=ConfirmForm(),
        is_past=meeting.starts_at <= clock.now(),
    ), 400 if (cancel_form.errors or move_form.errors) else 200


@bp.route("/staff/voice/meetings/<on_date>")
@role_required("staff")
def meeting(on_date: str):
    return _render_meeting(_meeting_or_404(on_date))


def _change(on_date: str, form, change, done: str, form_name: str | None = None):
    found = _meeting_or_404(on_date)
    if form.validate_on_submit():
        try:
            change(found, form)
        except DomainError as refused:
            db.session.rollback()
            field = getattr(form, refused.field or "", None) or next(iter(form))
            field.errors = [*field.errors, refused.message]
        else:
            db.session.commit()
            flash(done)
            return redirect(url_for("voice.meeting", on_date=on_date))
    return _render_meeting(found, **({form_name: form} if form_name else {}))


@bp.route("/staff/voice/meetings/<on_date>/cancel", methods=["POST"])
@role_required("staff")
def cancel_meeting(on_date: str):
    return _change(
        on_date,
        CancelMeetingForm(),
        lambda m, f: meetings.cancel_meeting(current_user, m, f.reason.data or ""),
        "This meeting is cancelled. Points for it go to the next meeting.",
        "cancel_form",
    )


@bp.route("/staff/voice/meetings/<on_date>/move", methods=["POST"])
@role_required("staff")
def move_meeting(on_date: str):
    return _change(
        on_date,
        MoveMeetingForm(),
        lambda m, f: meetings.move_meeting(
            current_user, m, f.new_date.data, f.starts_at.data, f.reason.data or ""
        ),
        "This meeting has moved.",
        "move_form",
    )


@bp.route("/staff/voice/meetings/<on_date>/restore", methods=["POST"])
@role_required("staff")
def restore_meeting(on_date: str):
    return _change(
        on_date,
        ConfirmForm(),
        lambda m, f: meetings.restore_meeting(current_user, m),
        "This meeting is back at its usual time.",
    )
