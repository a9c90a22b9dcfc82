"""Staff and peer workers run the timetable: groups, one-date changes, who is coming."""

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404, role_required
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.models import Activity
from app.services import activities, clock
from app.services.activities import ActivityDetails
from app.services.errors import DomainError
from app.services.recurrence import changes_between, expand
from app.services.signups import attendees
from app.services.suggestions import recent_suggestions
from app.services.timetable import single_entry
from app.timetable import bp
from app.timetable.forms import ActivityForm, CancelForm, MoveForm
from app.timetable.routes import occurrence_or_404

RUNS_TIMETABLE = ("peer_worker", "staff")


@bp.route("/groups")
@role_required(*RUNS_TIMETABLE)
def groups():
    return render_template(
        "timetable/groups.html",
        activities=activities.unit_activities(current_user.unit),
        today=clock.local_today(current_user.unit),
    )


def _activity_form(activity: Activity | None = None) -> ActivityForm:
    if activity is None:
        form = ActivityForm()
    else:
        form = ActivityForm(
            obj=activity,
            data={
                "weekdays": activity.weekday_numbers,
                "repeats": "once" if activity.is_one_off else "weekly",
            },
        )
    form.leader_id.choices = [(0, "Select a person")] + [
        (p.id, p.display_name) for p in activities.possible_leaders(current_user.unit)
    ]
    return form


def _details(form: ActivityForm) -> ActivityDetails:
    once = form.repeats.data == "once"
    return ActivityDetails(
        title=form.title.data,
        description=form.description.data or "",
        room=form.room.data,
        leader_id=form.leader_id.data,
        weekdays=[form.starts_on.data.weekday()] if once else form.weekdays.data,
        start_time=form.start_time.data,
        end_time=form.end_time.data,
        starts_on=form.starts_on.data,
        ends_on=form.starts_on.data if once else form.ends_on.data,
        capacity=form.capacity.data,
        visitor_friendly=form.visitor_friendly.data,
        baby_welcome=form.baby_welcome.data,
        leader_name_public=form.leader_name_public.data,
        open_to_discharged=form.open_to_discharged.data,
    )


def _save(form: ActivityForm, activity: Activity | None):
    if form.validate_on_submit():
        try:
            if activity is None:
                activity = activities.create_activity(current_user, _details(form))
            else:
                activities.update_activity(
                    current_user, activity, _details(form), link=url_for("timetable.week")
                )
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "title").errors.append(refused.message)
        else:
            db.session.commit()
            flash(f"{activity.title} is saved.")
            return redirect(url_for("timetable.groups"))
    return render_form("timetable/activity_form.html", form, activity=activity)


@bp.route("/groups/new", methods=["GET", "POST"])
@role_required(*RUNS_TIMETABLE)
def new_group():
    form = _activity_form()
    if not form.is_submitted():
        form.starts_on.data = clock.local_today(current_user.unit)
        form.leader_id.data = current_user.id
    return _save(form, None)


@bp.route("/groups/<int:activity_id>/edit", methods=["GET", "POST"])
@role_required(*RUNS_TIMETABLE)
def edit_group(activity_id: int):
    activity = get_in_unit_or_404(Activity, activity_id)
    return _save(_activity_form(activity), activity)


@bp.route("/groups/<int:activity_id>")
@role_required(*RUNS_TIMETABLE)
def group_dates(activity_id: int):
    activity = get_in_unit_or_404(Activity, activity_id)
    first = max(activity.starts_on, clock.local_today(current_user.unit))
    last = min(activity.ends_on, first + timedelta(weeks=8))
    changes = changes_between(current_user.unit, first, last)
    occurrences = expand([activity], changes, first, last, current_user.unit.tz)
    return render_template("timetable/group_dates.html", activity=activity, occurrences=occurrences)


def _render_occurrence(occurrence, cancel_form=None, move_form=None):
    activity = occurrence.activity
    may_see_names = current_user.is_staff or activity.leader_id == current_user.id
    tz = current_user.unit.tz
    move_form = move_form or MoveForm(
        data={
            "new_date": occurrence.starts_at.astimezone(tz).date(),
            "start_time": occurrence.starts_at.astimezone(tz).time(),
            "end_time": occurrence.ends_at.astimezone(tz).time(),
        }
    )
    errors = bool((cancel_form and cancel_form.errors) or move_form.errors)
    return render_template(
        "timetable/occurrence.html",
        occurrence=occurrence,
        entry=single_entry(current_user.unit, occurrence),
        people=attendees(occurrence) if may_see_names else None,
        cancel_form=cancel_form or CancelForm(),
        move_form=move_form,
        form=cancel_form if cancel_form and cancel_form.errors else move_form,
        confirm_form=ConfirmForm(),
        is_past=occurrence.ends_at <= clock.now(),
    ), 400 if errors else 200


@bp.route("/groups/<int:activity_id>/<on_date>")
@role_required(*RUNS_TIMETABLE)
def occurrence(activity_id: int, on_date: str):
    return _render_occurrence(occurrence_or_404(activity_id, on_date))


def _change(activity_id, on_date, form, action, done):
    found = occurrence_or_404(activity_id, on_date)
    if form.validate_on_submit():
        try:
            told = action(found, form)
        except DomainError as refused:
            db.session.rollback()
            field = getattr(form, refused.field or "", None) or next(iter(form))
            field.errors = [*field.errors, refused.message]
        else:
            db.session.commit()
            flash(done + _told(told))
            return redirect(
                url_for("timetable.occurrence", activity_id=activity_id, on_date=on_date)
            )
    if isinstance(form, CancelForm):
        return _render_occurrence(found, cancel_form=form)
    return _render_occurrence(found, move_form=form)


def _told(count: int) -> str:
    if not count:
        return ""
    if count == 1:
        return " The mother with a place has been told."
    return f" The {count} mothers with a place have been told."


@bp.route("/groups/<int:activity_id>/<on_date>/cancel", methods=["POST"])
@role_required(*RUNS_TIMETABLE)
def cancel(activity_id: int, on_date: str):
    return _change(
        activity_id,
        on_date,
        CancelForm(),
        lambda o, f: activities.cancel_occurrence(
            current_user, o, f.reason.data, link=url_for("timetable.week")
        ),
        "This date is cancelled.",
    )


@bp.route("/groups/<int:activity_id>/<on_date>/move", methods=["POST"])
@role_required(*RUNS_TIMETABLE)
def move(activity_id: int, on_date: str):
    return _change(
        activity_id,
        on_date,
        MoveForm(),
        lambda o, f: activities.move_occurrence(
            current_user,
            o,
            f.new_date.data,
            f.start_time.data,
            f.end_time.data,
            f.reason.data or "",
            link=url_for("timetable.week"),
        ),
        "This date has moved.",
    )


@bp.route("/groups/<int:activity_id>/<on_date>/restore", methods=["POST"])
@role_required(*RUNS_TIMETABLE)
def restore(activity_id: int, on_date: str):
    found = occurrence_or_404(activity_id, on_date)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        activities.restore_occurrence(current_user, found)
    except DomainError as refused:
        db.session.rollback()
        flash(refused.message)
    else:
        db.session.commit()
        flash("This date is back to its usual time.")
    return redirect(url_for("timetable.occurrence", activity_id=activity_id, on_date=on_date))


@bp.route("/suggestions")
@role_required(*RUNS_TIMETABLE)
def suggestions():
    return render_template(
        "timetable/suggestions.html", suggestions=recent_suggestions(current_user.unit)
    )
