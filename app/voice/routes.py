"""A mother's points for the team's meeting, and the peer workers' side of them."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404, role_required
from app.extensions import db
from app.forms import ConfirmForm, refuse, render_form
from app.models import VoicePoint
from app.services import voice
from app.services.errors import DomainError
from app.services.meetings import next_meeting
from app.voice import bp
from app.voice.forms import MarkForm, PointForm, ThemeForm


def readable_point_or_404(point_id: int) -> VoicePoint:
    point = get_in_unit_or_404(VoicePoint, point_id)
    if not voice.may_read(current_user, point):
        abort(404)
    return point


def her_point_or_404(point_id: int) -> VoicePoint:
    return get_in_unit_or_404(VoicePoint, point_id, VoicePoint.mother_id == current_user.id)


@bp.route("/me/voice", methods=["GET", "POST"])
@role_required("mother")
def mine():
    form = PointForm()
    if request.method == "GET":
        replying = request.args.get("reply_to", type=int)
        if replying:
            form.reply_to.data = her_point_or_404(replying).id
    elif form.validate_on_submit():
        reply_to = her_point_or_404(form.reply_to.data) if form.reply_to.data else None
        try:
            voice.add_point(current_user, form.text.data, form.travels.data, reply_to)
        except DomainError as error:
            refuse(form, error, "text")
        else:
            db.session.commit()
            flash(
                "Thank you. A peer worker will read it."
                if form.travels.data == "peer_only"
                else "Thank you. Your point is on the list for the team's next meeting."
            )
            return redirect(url_for("voice.mine"))
    return render_form(
        "voice/mine.html",
        form,
        points=voice.her_points(current_user),
        meeting=next_meeting(current_user.unit),
        changeable_until=voice.changeable_until,
    )


@bp.route("/me/voice/<int:point_id>", methods=["GET", "POST"])
@role_required("mother")
def edit(point_id: int):
    point = her_point_or_404(point_id)
    form = PointForm(obj=point)
    if form.validate_on_submit():
        try:
            voice.edit_point(current_user, point, form.text.data, form.travels.data)
        except DomainError as error:
            refuse(form, error, "text")
        else:
            db.session.commit()
            flash("Your point is changed.")
            return redirect(url_for("voice.mine"))
    return render_form(
        "voice/edit.html",
        form,
        point=point,
        until=voice.changeable_until(point),
        withdraw_form=ConfirmForm(),
    )


@bp.route("/me/voice/<int:point_id>/withdraw", methods=["POST"])
@role_required("mother")
def withdraw(point_id: int):
    point = her_point_or_404(point_id)
    if ConfirmForm().validate_on_submit():
        try:
            voice.withdraw_point(current_user, point)
        except DomainError as error:
            db.session.rollback()
            flash(error.message)
        else:
            db.session.commit()
            flash("Your point is withdrawn. The team will not see it.")
    return redirect(url_for("voice.mine"))


def _peer_list(template: str):
    meeting, points = voice.agenda(current_user.unit)
    for_peers = voice.just_for_peer_workers(current_user.unit)
    voice.record_reads(current_user, [*points, *for_peers])
    db.session.commit()
    return render_template(
        template,
        meeting=meeting,
        points=points,
        for_peers=for_peers,
        themes=voice.theme_counts(current_user.unit, smallest=1),
        shared_themes=voice.theme_counts(current_user.unit),
    )


@bp.route("/peer/voice")
@role_required("peer_worker")
def peer_list():
    return _peer_list("voice/peer_list.html")


@bp.route("/peer/voice/agenda")
@role_required("peer_worker")
def agenda():
    return _peer_list("voice/agenda.html")


def _render_peer_point(point, mark_form=None, theme_form=None):
    voice.record_reads(current_user, [point])
    db.session.commit()
    mark_form = mark_form or MarkForm()
    theme_form = theme_form or ThemeForm(obj=point)
    return render_template(
        "voice/peer_point.html",
        point=point,
        mark_form=mark_form,
        theme_form=theme_form,
        form=theme_form if theme_form.errors else mark_form,
    ), 400 if (mark_form.errors or theme_form.errors) else 200


@bp.route("/peer/voice/<int:point_id>", methods=["GET", "POST"])
@role_required("peer_worker")
def peer_point(point_id: int):
    point = readable_point_or_404(point_id)
    if request.method == "GET":
        return _render_peer_point(point)
    form = MarkForm()
    if point.travels == "peer_only":
        ready, outcome = ConfirmForm().validate_on_submit(), "read"
    else:
        ready, outcome = form.validate_on_submit(), form.outcome.data
    if ready:
        try:
            done = _mark(point, outcome, form.answer.data or "")
        except DomainError as error:
            refuse(form, error, "outcome")
        else:
            db.session.commit()
            flash(done)
            return redirect(url_for("voice.peer_list"))
    return _render_peer_point(point, mark_form=form)


def _mark(point: VoicePoint, outcome: str, answer: str) -> str:
    if outcome == "read":
        voice.mark_read(current_user, point)
        return "Marked as read."
    if outcome == "carried":
        later = voice.carry_point(current_user, point).starts_at.astimezone(current_user.unit.tz)
        return f"Carried to the meeting on {later:%A %-d %B}."
    voice.mark_raised(current_user, point, answer, link=url_for("bookings.home"))
    return "Marked as raised. She will see the team's answer on her home."


@bp.route("/peer/voice/<int:point_id>/theme", methods=["POST"])
@role_required("peer_worker")
def theme(point_id: int):
    point = readable_point_or_404(point_id)
    form = ThemeForm()
    if form.validate_on_submit():
        try:
            voice.set_theme(current_user, point, form.theme.data or "")
        except DomainError as error:
            refuse(form, error, "theme")
        else:
            db.session.commit()
            flash("The theme is saved.")
            return redirect(url_for("voice.peer_point", point_id=point.id))
    return _render_peer_point(point, theme_form=form)
