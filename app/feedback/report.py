"""The staff side: the FFT report, its CSV export, comment batches and moderation."""

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.errors import render_error
from app.extensions import db
from app.feedback import staff_bp as bp
from app.feedback.forms import YouSaidWeDidForm
from app.forms import ConfirmForm, render_form
from app.models import YouSaidWeDid
from app.models.feedback import ANSWERS
from app.services import clock
from app.services.errors import DomainError, NotFoundInUnit
from app.services.feedback_batches import MIN_BATCH, hide_comment, released_batches
from app.services.feedback_export import monthly_csv
from app.services.feedback_report import (
    ANSWER_GRACE,
    MIN_RESPONSES,
    closed_months,
    fft_cells,
    figures_appear_on,
    next_month,
    topic_rows,
)
from app.services.you_said_we_did import (
    publish_response,
    published_responses,
    remove_response,
)

REPORT_MONTHS = 6
SHOWN_BATCHES = 12
EXPORT_MONTHS = 12


def _export_months() -> list[date]:
    """The latest months whose figures have appeared, newest first."""
    return closed_months(clock.local_today(current_user.unit), EXPORT_MONTHS)[::-1]


@bp.route("/feedback/")
def report():
    today = clock.local_today(current_user.unit)
    months = closed_months(today, REPORT_MONTHS)
    cells = fft_cells(current_user.unit_id, months, today)
    coming = next_month(months[-1])
    return render_template(
        "feedback_staff/report.html",
        months=months,
        rows=topic_rows(cells, months),
        answers=ANSWERS,
        min_responses=MIN_RESPONSES,
        answer_grace_days=ANSWER_GRACE.days,
        export_months=_export_months(),
        coming=coming,
        coming_on=figures_appear_on(coming),
    )


@bp.route("/feedback/export.csv")
def export():
    wanted = request.args.get("month", "")
    month = next((m for m in _export_months() if f"{m:%Y-%m}" == wanted), None)
    if month is None:
        return render_error(
            400,
            "Choose a month from the list",
            [
                "You can download any of the last 12 months whose figures have appeared. "
                "Go back and choose one."
            ],
        )
    body = "\ufeff" + monthly_csv(current_user.unit, month)  # the BOM tells Excel it is UTF-8
    filename = f"friends-and-family-test-{current_user.unit.slug}-{month:%Y-%m}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/feedback/comments")
def comments():
    return render_template(
        "feedback_staff/comments.html",
        batches=released_batches(current_user.unit)[:SHOWN_BATCHES],
        shown_batches=SHOWN_BATCHES,
        min_batch=MIN_BATCH,
        answer_grace_days=ANSWER_GRACE.days,
        hide_form=ConfirmForm(),
    )


@bp.route("/feedback/comments/<response_id>/hide", methods=["POST"])
def hide(response_id: str):
    if ConfirmForm().validate_on_submit():
        try:
            hide_comment(current_user.unit, response_id)
        except NotFoundInUnit:
            db.session.rollback()
            return render_error(404)
        db.session.commit()
        flash("The comment is hidden. It will not be shown or exported.")
    return redirect(url_for("feedback_staff.comments"))


@bp.route("/feedback/you-said-we-did", methods=["GET", "POST"])
def you_said_we_did():
    form = YouSaidWeDidForm()
    if form.validate_on_submit():
        try:
            publish_response(current_user, form.topic.data, form.you_said.data, form.we_did.data)
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "topic").errors.append(refused.message)
        else:
            db.session.commit()
            flash("Published. Mothers of the unit can now see it.")
            return redirect(url_for("feedback_staff.you_said_we_did"))
    return render_form(
        "feedback_staff/you_said_we_did.html",
        form,
        responses=published_responses(current_user.unit_id),
        remove_form=ConfirmForm(),
    )


@bp.route("/feedback/you-said-we-did/<int:response_id>/remove", methods=["POST"])
def remove_you_said_we_did(response_id: int):
    response = get_in_unit_or_404(YouSaidWeDid, response_id)
    if ConfirmForm().validate_on_submit():
        remove_response(current_user, response)
        db.session.commit()
        flash("Removed. Mothers no longer see it.")
    return redirect(url_for("feedback_staff.you_said_we_did"))
