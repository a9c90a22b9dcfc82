from flask import flash, redirect, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.access import get_in_unit_or_404, role_required
from app.extensions import db
from app.forms import ConfirmForm, refuse, render_form
from app.models import DebriefRequest, SupervisionMeeting
from app.services import clock, debriefs, supervision
from app.services.errors import DomainError
from app.supervision import bp
from app.supervision.forms import MeetingForm

ASKED = "Your line manager knows you would like a debrief."


@bp.route("/peer/supervision", methods=["GET", "POST"])
@role_required("peer_worker")
def supervision_page():
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = supervision.record_meeting(current_user, form.kind.data, form.met_on.data)
            db.session.commit()
        except DomainError as error:
            refuse(form, error, "met_on")
        else:
            flash(f"Saved: {meeting.kind_label.lower()} on {meeting.met_on:%-d %B %Y}.")
            return redirect(url_for("supervision.supervision_page"))
    return render_form(
        "supervision/supervision.html",
        form,
        statuses=supervision.statuses_of([current_user])[current_user.id],
        meetings=supervision.meetings_of(current_user),
        line_manager=supervision.line_manager_of(current_user),
        today=clock.local_today(current_user.unit),
    )


@bp.route("/peer/supervision/<int:meeting_id>/remove", methods=["POST"])
@role_required("peer_worker")
def remove_meeting(meeting_id):
    meeting = get_in_unit_or_404(
        SupervisionMeeting, meeting_id, SupervisionMeeting.peer_worker_id == current_user.id
    )
    if ConfirmForm().validate_on_submit():
        supervision.remove_meeting(current_user, meeting)
        db.session.commit()
        flash("Removed.")
    return redirect(url_for("supervision.supervision_page"))


@bp.route("/peer/debrief", methods=["POST"])
@role_required("peer_worker")
def ask_for_debrief():
    if ConfirmForm().validate_on_submit():
        try:
            _, is_new = debriefs.ask_for_debrief(current_user, link=url_for("staff.home"))
            db.session.commit()
        except IntegrityError:  # the same tap twice at once: the first one counts
            db.session.rollback()
            is_new = False
        flash(ASKED if is_new else "You have asked already. " + ASKED)
    return redirect(url_for("caseload.home"))


@bp.route("/staff/debriefs/<int:request_id>/answered", methods=["POST"])
@role_required("staff")
def debrief_answered(request_id):
    request = get_in_unit_or_404(DebriefRequest, request_id)
    if ConfirmForm().validate_on_submit():
        try:
            debriefs.answer_debrief(current_user, request)
            db.session.commit()
            flash(f"Marked as answered: {request.peer_worker.display_name}'s debrief.")
        except DomainError as error:
            db.session.rollback()
            flash(error.message)
    return redirect(url_for("staff.home"))
