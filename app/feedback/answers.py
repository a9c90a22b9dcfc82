"""Answers arrive here from a mother's phone with no cookie and no account: only the
blind signature on the token says that a ballot was taken for them. Nothing is logged."""

from datetime import date

from flask import jsonify, request

from app.extensions import csrf, db, limiter
from app.feedback import answers_bp
from app.services.blind_rsa import from_b64url
from app.services.errors import DomainError
from app.services.feedback import BallotRefused, record_answer
from app.sqlite_setup import truncate_wal


@answers_bp.route("/feedback/answers", methods=["POST"])
@csrf.exempt  # no session to protect: the signed token is the whole authority
@limiter.limit("60 per minute")
def receive():
    body = request.get_json(silent=True) if request.mimetype == "application/json" else None
    try:
        if not isinstance(body, dict):
            raise BallotRefused("Send the answer as JSON")
        record_answer(
            int(body.get("unit")),
            str(body.get("topic")),
            date.fromisoformat(str(body.get("week"))),
            from_b64url(body.get("token")),
            from_b64url(body.get("signature")),
            str(body.get("answer")),
            str(body.get("comment") or ""),
        )
    except (DomainError, ValueError, TypeError, OverflowError) as refused:
        db.session.rollback()
        message = getattr(refused, "message", "This feedback could not be read.")
        return jsonify(error=message), getattr(refused, "status", 400)
    db.session.commit()
    truncate_wal(db.engine)
    return jsonify(arrived=True), 201
