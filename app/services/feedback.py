"""Recording Friends and Family Test answers without recording who gave them.

A mother may answer each topic once per ISO week. The app knows she has answered from
a token, HMAC-SHA256 over (user id, topic, ISO week) keyed with a secret derived from
SECRET_KEY under its own label: one-way, so the token table cannot be read back into
names, and it holds no reference to the feedback row. Nothing here logs or audits.
"""

import hashlib
import hmac
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.forms import CONTROL_CHARACTERS
from app.models import FeedbackResponse, FeedbackToken
from app.models.feedback import ANSWERS, TOPICS
from app.services import clock
from app.services.errors import DomainError

COMMENT_LIMIT = 1000
TOKEN_KEY_LABEL = b"mbu.feedback.answered-this-week.v1"
ALREADY_ANSWERED = (
    "You have already given feedback on this topic this week. You can give it again from Monday."
)


def week_start(day: date) -> date:
    """The Monday of the ISO week that holds ``day``."""
    return day - timedelta(days=day.weekday())


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _token_key() -> bytes:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, TOKEN_KEY_LABEL, hashlib.sha256).digest()


def answer_token(user_id: int, topic: str, day: date) -> str:
    message = f"{user_id}|{topic}|{iso_week(day)}".encode()
    return hmac.new(_token_key(), message, hashlib.sha256).hexdigest()


def answered_topics(mother) -> set[str]:
    """The topics she has answered this week (known from tokens, never from answers)."""
    today = clock.local_today(mother.unit)
    tokens = {answer_token(mother.id, topic, today): topic for topic in TOPICS}
    found = db.session.scalars(
        select(FeedbackToken.token).where(
            FeedbackToken.unit_id == mother.unit_id, FeedbackToken.token.in_(tokens)
        )
    )
    return {tokens[token] for token in found}


def check_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_LIMIT:
        raise DomainError(f"Tell us why must be {COMMENT_LIMIT} characters or fewer", "comment")
    if CONTROL_CHARACTERS.search(comment):
        raise DomainError(
            "Tell us why must only include letters, numbers and punctuation", "comment"
        )
    return comment


def record_feedback(mother, topic: str, answer: str, comment: str = "") -> None:
    """Store one anonymous answer and the token that stops a second one this week."""
    if topic not in TOPICS:
        raise DomainError("Select one of the topics shown", "topic")
    if answer not in ANSWERS:
        raise DomainError("Select one of the answers shown", "answer")
    comment = check_comment(comment)
    today = clock.local_today(mother.unit)
    token = answer_token(mother.id, topic, today)
    if db.session.get(FeedbackToken, token) is not None:
        raise DomainError(ALREADY_ANSWERED, "topic")
    week = week_start(today)
    try:
        with db.session.begin_nested():
            db.session.add(FeedbackToken(token=token, unit_id=mother.unit_id))
            db.session.add(
                FeedbackResponse(
                    unit_id=mother.unit_id, topic=topic, week=week, answer=answer, comment=comment
                )
            )
    except IntegrityError:  # the same mother, the same topic, in another tab at once
        raise DomainError(ALREADY_ANSWERED, "topic") from None
    _rewrite_week(mother.unit_id, week)


def _rewrite_week(unit_id: int, week: date) -> None:
    """Rewrite every row of the week, one by one in random-id order, in this transaction.

    PostgreSQL stores rows in arrival order and stamps each with the transaction that
    wrote it (xmin), which would pair a feedback row with its token. Rewriting the
    week's rows leaves them all with this transaction's stamp, in an order set by their
    random ids. (SQLite keeps these tables without rowid, in key order, already.)
    """
    table = FeedbackResponse.__table__
    ids = db.session.scalars(
        select(table.c.id)
        .where(table.c.unit_id == unit_id, table.c.week == week)
        .order_by(table.c.id)
    ).all()
    for row_id in ids:
        db.session.execute(
            update(table).where(table.c.id == row_id).values(moderation=table.c.moderation)
        )
