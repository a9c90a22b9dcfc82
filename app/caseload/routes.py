from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.caseload import bp
from app.caseload.forms import CancelSessionForm, HandoverNoteForm, OutcomeForm
from app.extensions import db
from app.forms import ConfirmForm, refuse, render_form
from app.models import Booking, Role, TalkRequest, User
from app.services import bookings, clock, phone_calls, talk, voice
from app.services import caseload as caseload_service
from app.services.debriefs import peer_support
from app.services.diary import diary
from app.services.errors import DomainError
from app.services.people import current_people


@bp.route("/")
def home():
    # One query: the mothers supported now, and her job share (open accounts only).
    people = current_people(current_user.unit, clock.local_today(current_user.unit))
    mothers = [p for p in people if p.is_mother]
    colleagues = [p for p in people if p.is_peer_worker and p.id != current_user.id]
    return render_template(
        "caseload/home.html",
        admitted=[m for m in mothers if not m.is_discharged()],
        after_discharge=[m for m in mothers if m.is_discharged()],
        colleagues=colleagues,
        support=peer_support(current_user),
        view=caseload_service.today_for(current_user),
        voice_count=voice.agenda_count(current_user.unit),
    )


@bp.route("/caseload")
def caseload():
    return render_template(
        "caseload/caseload.html",
        entries=caseload_service.caseload(current_user),
        now=clock.now(),
        today=clock.local_today(current_user.unit),
        form=ConfirmForm(),
    )


@bp.route("/today")
def today():
    view = caseload_service.today_for(current_user)
    phone_calls.numbers_shown(current_user, view.sessions)
    page = render_template(
        "caseload/today.html", view=view, today=clock.local_today(current_user.unit)
    )
    db.session.commit()  # after rendering, which would otherwise load every row again
    return page


@bp.route("/week")
def week():
    days = diary(current_user)
    return render_template(
        "caseload/week.html", days=days, partners=[p.person.display_name for p in days[0].partners]
    )


def _render_session(booking, cancel_form=None, outcome_form=None):
    cancel_form = cancel_form or CancelSessionForm(formdata=None)
    outcome_form = outcome_form or OutcomeForm(formdata=None)
    form = cancel_form if cancel_form.errors else outcome_form
    phone_calls.numbers_shown(current_user, [booking])
    page = render_form(
        "caseload/session.html",
        form,
        booking=booking,
        cancel_form=cancel_form,
        outcome_form=outcome_form,
        now=clock.now(),
        support=peer_support(current_user),
    )
    db.session.commit()
    return page


@bp.route("/sessions/<int:booking_id>")
def session(booking_id):
    return _render_session(get_in_unit_or_404(Booking, booking_id))


@bp.route("/sessions/<int:booking_id>/cancel", methods=["POST"])
def cancel_session(booking_id):
    booking = get_in_unit_or_404(Booking, booking_id)
    form = CancelSessionForm()
    if form.validate_on_submit():
        try:
            bookings.cancel_by_peer(
                current_user, booking, form.reason.data, link=url_for("bookings.sessions")
            )
            db.session.commit()
        except DomainError as error:
            refuse(form, error, "reason")
        else:
            flash(f"Session cancelled. {booking.mother.display_name} will see your reason.")
            return redirect(url_for("caseload.today"))
    return _render_session(booking, cancel_form=form)


@bp.route("/sessions/<int:booking_id>/outcome", methods=["POST"])
def session_outcome(booking_id):
    booking = get_in_unit_or_404(Booking, booking_id)
    form = OutcomeForm()
    if form.validate_on_submit():
        try:
            bookings.record_outcome(current_user, booking, form.outcome.data == "happened")
            db.session.commit()
        except DomainError as error:
            refuse(form, error, "outcome")
        else:
            flash("Saved.")
            return redirect(url_for("caseload.session", booking_id=booking.id))
    return _render_session(booking, outcome_form=form)


@bp.route("/talk/<int:request_id>/answered", methods=["POST"])
def talk_answered(request_id):
    request = get_in_unit_or_404(TalkRequest, request_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            talk.answer_talk(current_user, request)
            db.session.commit()
            flash(f"Marked as answered: {request.mother.display_name}.")
        except DomainError as error:
            db.session.rollback()
            flash(error.message)
    return redirect(url_for("caseload.caseload"))


@bp.route("/mothers/<int:mother_id>/note", methods=["GET", "POST"])
def handover_note(mother_id):
    mother = get_in_unit_or_404(User, mother_id, User.role == Role.MOTHER.value)
    note = caseload_service.note_for(mother)
    form = HandoverNoteForm(data={"text": note.text if note else ""})
    if form.validate_on_submit():
        try:
            caseload_service.save_handover_note(current_user, mother, form.text.data or "")
            db.session.commit()
        except DomainError as error:
            refuse(form, error, "text")
        else:
            flash(f"Handover note saved for {mother.display_name}.")
            return redirect(url_for("caseload.caseload"))
    return render_form("caseload/note.html", form, mother=mother, note=note)
