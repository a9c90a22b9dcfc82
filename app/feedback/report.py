"""The staff side: the FFT report, its CSV export, comment batches and moderation."""

from datetime import date

from flask import Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.confirm import confirm_page, confirmed, going_back
from app.errors import render_error
from app.extensions import db
from app.feedback import staff_bp as bp
from app.feedback.forms import YouSaidWeDidForm
from app.forms import ConfirmForm, render_form
from app.models import YouSaidWeDid
from app.models.feedback import ANSWERS, FAMILY_TOPICS
from app.services import clock
from app.services.errors import DomainError, NotFoundInUnit
from app.services.feedback_batches import MIN_BATCH, released_batches
from app.services.feedback_export import monthly_csv
from app.services.feedback_moderation import (
    RESTORE_DAYS,
    hidden_comments,
    hide_comment,
    released_comment,
    restore_comment,
)
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
    preview_response,
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


@bp.route("/feedback/families")
def families():
    """Families' answers, read apart from mothers': the same figures, hidden the same way,
    and the same comment batches with the same moderation."""
    today = clock.local_today(current_user.unit)
    months = closed_months(today, REPORT_MONTHS)
    cells = fft_cells(current_user.unit_id, months, today, FAMILY_TOPICS)
    coming = next_month(months[-1])
    return render_template(
        "feedback_staff/families.html",
        months=months,
        rows=topic_rows(cells, months, FAMILY_TOPICS),
        answers=ANSWERS,
        min_responses=MIN_RESPONSES,
        coming=coming,
        coming_on=figures_appear_on(coming),
        batches=released_batches(current_user.unit, FAMILY_TOPICS)[:SHOWN_BATCHES],
        min_batch=MIN_BATCH,
        restore_days=RESTORE_DAYS,
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
        restore_days=RESTORE_DAYS,
    )


@bp.route("/feedback/comments/<response_id>/hide", methods=["GET", "POST"])
def hide(response_id: str):
    if request.method == "GET":
        try:
            comment = released_comment(current_user.unit, response_id)
        except NotFoundInUnit:
            return render_error(404)
        if comment.is_hidden:
            return redirect(url_for("feedback_staff.hidden"))
        return confirm_page(
            "hide this comment",
            [
                "Its words are taken off the comments page and left out of every export. "
                "Its answer still counts in the figures.",
                f"You can restore it from hidden comments for {RESTORE_DAYS} days. "
                "After that its words are deleted.",
            ],
            action=url_for("feedback_staff.hide", response_id=response_id),
            go_back=url_for(_comments_page(comment)),
            button="Yes, hide the comment",
            template="feedback_staff/hide.html",
            comment=comment,
        )
    return _moderate(
        hide_comment,
        response_id,
        f"The comment is hidden. It will not be shown or exported. You can restore it "
        f"from hidden comments for {RESTORE_DAYS} days.",
        "feedback_staff.comments",
    )


def _comments_page(comment) -> str:
    return (
        "feedback_staff.families" if comment.topic in FAMILY_TOPICS else "feedback_staff.comments"
    )


def _moderate(change, response_id: str, done: str, back: str):
    if ConfirmForm().validate_on_submit():
        try:
            comment = change(current_user.unit, response_id)
        except NotFoundInUnit:
            db.session.rollback()
            return render_error(404)
        db.session.commit()
        flash(done)
        if back == "feedback_staff.comments":
            back = _comments_page(comment)
    return redirect(url_for(back))


@bp.route("/feedback/comments/hidden")
def hidden():
    return render_template(
        "feedback_staff/hidden.html",
        comments=hidden_comments(current_user.unit),
        restore_days=RESTORE_DAYS,
        restore_form=ConfirmForm(),
    )


@bp.route("/feedback/comments/<response_id>/restore", methods=["POST"])
def restore(response_id: str):
    return _moderate(
        restore_comment,
        response_id,
        "The comment is restored. It is shown with its batch again.",
        "feedback_staff.hidden",
    )


@bp.route("/feedback/you-said-we-did", methods=["GET", "POST"])
def you_said_we_did():
    form = YouSaidWeDidForm()
    if form.validate_on_submit() and not going_back():
        if not confirmed():
            return _confirm_publishing(form)
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


def _confirm_publishing(form):
    preview = preview_response(current_user, form.topic.data, form.you_said.data, form.we_did.data)
    return confirm_page(
        "publish this",
        ["Every mother of the unit sees it on her feedback page, as shown below."],
        action=url_for("feedback_staff.you_said_we_did"),
        go_back=url_for("feedback_staff.you_said_we_did"),
        button="Yes, publish it",
        carry_form=True,
        template="feedback_staff/publish.html",
        responses=[preview],
    )


@bp.route("/feedback/you-said-we-did/<int:response_id>/remove", methods=["POST"])
def remove_you_said_we_did(response_id: int):
    response = get_in_unit_or_404(YouSaidWeDid, response_id)
    if ConfirmForm().validate_on_submit():
        remove_response(current_user, response)
        db.session.commit()
        flash("Removed. Mothers no longer see it.")
    return redirect(url_for("feedback_staff.you_said_we_did"))
