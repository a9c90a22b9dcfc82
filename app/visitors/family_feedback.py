"""Feedback from family and friends who visit: no account, the poster's code, and a
limit per address on tries and on answers (see app/services/family_feedback.py)."""

from functools import wraps

from flask import make_response, redirect, render_template, request, url_for

from app.access import unit_by_slug_or_404
from app.extensions import db, limiter
from app.feedback import send_no_referrer
from app.forms import render_form
from app.services.errors import DomainError
from app.services.family_feedback import record_family_feedback
from app.services.feedback import COMMENT_LIMIT
from app.services.feedback_batches import MIN_BATCH
from app.services.feedback_report import MIN_RESPONSES
from app.sqlite_setup import truncate_wal
from app.visitors import bp
from app.visitors.forms import FamilyFeedbackForm

# Per address: families in the visitors' room often share the hospital's guest Wi-Fi, so
# the limits are loose enough for a room of relatives. Tries: a form sent back with a
# problem (a wrong code, most often), so that no one can guess the code (a code is one of
# about 700 million). Answers: only answers that were saved count, so a double tap or the
# same answer sent again straight after is refused and nothing is saved.
TRIES_LIMIT = "30 per 15 minutes"
ANSWER_MINUTES = 2
TOO_MANY_TRIES = (
    "You have tried too many times. Wait 15 minutes, then try again. "
    "If the code does not work, ask a member of staff."
)
ANSWERED_JUST_NOW = (
    "Thank you: feedback was sent from this phone, or from another on the same Wi-Fi, "
    "a moment ago, so we have not saved this one. If it was not yours, wait "
    f"{ANSWER_MINUTES} minutes, then go back and send it again."
)


def no_referrer(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        return send_no_referrer(make_response(view(*args, **kwargs)))

    return wrapped


@bp.errorhandler(429)
def too_many(error):
    """In plain words, with the way back to the visitors' page: nothing was saved."""
    title = "Feedback sent a moment ago" if error.description == ANSWERED_JUST_NOW else None
    slug = (request.view_args or {}).get("slug", "")
    page = render_template(
        "errors/error.html",
        title=title or "Too many tries",
        paragraphs=[error.description],
        back=(
            url_for("visitors.unit_page", slug=slug) if slug else url_for("visitors.units"),
            "Back to the visitors' page",
        ),
    )
    return send_no_referrer(make_response(page, 429))


@bp.route("/<slug>/feedback", methods=["GET", "POST"])
@limiter.limit(
    TRIES_LIMIT,
    methods=["POST"],
    deduct_when=lambda response: response.status_code == 400,
    error_message=TOO_MANY_TRIES,
)
@limiter.limit(
    f"1 per {ANSWER_MINUTES} minutes",
    methods=["POST"],
    deduct_when=lambda response: response.status_code == 302,
    error_message=ANSWERED_JUST_NOW,
)
@no_referrer
def family_feedback(slug: str):
    unit = unit_by_slug_or_404(slug)
    form = FamilyFeedbackForm()
    if form.validate_on_submit():
        try:
            record_family_feedback(unit, form.code.data, form.answer.data, form.comment.data)
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "code").errors.append(refused.message)
        else:
            db.session.commit()
            truncate_wal(db.engine)
            return redirect(url_for("visitors.family_feedback_sent", slug=unit.slug))
    return render_form(
        "visitors/feedback.html",
        form,
        unit=unit,
        comment_limit=COMMENT_LIMIT,
        min_responses=MIN_RESPONSES,
        min_batch=MIN_BATCH,
    )


@bp.route("/<slug>/feedback/sent")
@no_referrer
def family_feedback_sent(slug: str):
    return render_template("visitors/feedback_sent.html", unit=unit_by_slug_or_404(slug))
