"""The mother's side: give feedback, see what the unit did about it. Nothing is logged."""

from datetime import date

from flask import current_app, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.feedback import bp
from app.feedback.forms import FeedbackForm
from app.forms import render_form
from app.models.feedback import TOPICS
from app.services.blind_rsa import b64url, from_b64url
from app.services.errors import DomainError
from app.services.feedback import (
    COMMENT_LIMIT,
    BallotRefused,
    answered_topics,
    open_ballot,
    record_feedback,
    take_ballot,
)
from app.services.you_said_we_did import published_responses
from app.sqlite_setup import truncate_wal


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
    answered = answered_topics(current_user)
    if request.method == "GET" and request.args.get("topic") in TOPICS.keys() - answered:
        form.topic.data = request.args["topic"]
    if form.validate_on_submit():
        try:
            record_feedback(current_user, form.topic.data, form.answer.data, form.comment.data)
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "topic").errors.append(refused.message)
        else:
            db.session.commit()
            truncate_wal(db.engine)
            return redirect(url_for("feedback.sent"))
    return render_form(
        "feedback/give.html",
        form,
        answered=answered,
        comment_limit=COMMENT_LIMIT,
        send_within=current_app.config["FEEDBACK_SEND_WITHIN_SECONDS"],
    )


def _json_body() -> dict:
    body = request.get_json(silent=True) if request.mimetype == "application/json" else None
    if not isinstance(body, dict):
        raise BallotRefused("Send the ballot as JSON")
    return body


def _ballot_answer(take):
    """Run one ballot step for her phone: JSON in, JSON out, committed only if it held."""
    try:
        result = take(_json_body())
    except (DomainError, ValueError) as refused:
        db.session.rollback()
        status = getattr(refused, "status", 400)
        message = getattr(refused, "message", "Your phone sent something we could not read.")
        return jsonify(error=message), status
    db.session.commit()
    return jsonify(result)


@bp.route("/feedback/ballot/open", methods=["POST"])
def ballot_key():
    return _ballot_answer(lambda body: open_ballot(current_user, str(body.get("topic"))))


@bp.route("/feedback/ballot", methods=["POST"])
def ballot():
    def take(body):
        signature = take_ballot(
            current_user,
            str(body.get("topic")),
            date.fromisoformat(str(body.get("week"))),
            from_b64url(body.get("blinded")),
        )
        return {"signature": b64url(signature)}

    return _ballot_answer(take)


@bp.route("/feedback/sent")
def sent():
    return render_template("feedback/sent.html")
