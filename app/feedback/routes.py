"""The mother's side: give feedback, see what the unit did about it. Nothing is logged."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.feedback import bp
from app.feedback.forms import FeedbackForm
from app.forms import render_form
from app.models.feedback import TOPICS
from app.services.errors import DomainError
from app.services.feedback import COMMENT_LIMIT, answered_topics, record_feedback
from app.services.you_said_we_did import published_responses


@bp.route("/feedback/")
def home():
    return render_template(
        "feedback/home.html",
        topics=TOPICS,
        answered=answered_topics(current_user),
        responses=published_responses(current_user.unit_id),
    )


@bp.route("/feedback/give", methods=["GET", "POST"])
def give():
    form = FeedbackForm()
    if request.method == "GET" and request.args.get("topic") in TOPICS:
        form.topic.data = request.args["topic"]
    if form.validate_on_submit():
        try:
            record_feedback(current_user, form.topic.data, form.answer.data, form.comment.data)
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "topic").errors.append(refused.message)
        else:
            db.session.commit()
            return redirect(url_for("feedback.sent"))
    return render_form(
        "feedback/give.html",
        form,
        answered=answered_topics(current_user),
        comment_limit=COMMENT_LIMIT,
    )


@bp.route("/feedback/sent")
def sent():
    return render_template("feedback/sent.html")
