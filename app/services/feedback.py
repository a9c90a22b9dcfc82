"""Recording Friends and Family Test answers without recording who gave them.

A mother may answer each topic once per ISO week. The app knows she has answered from
a token, HMAC-SHA256 over (user id, topic, ISO week) keyed with a secret derived from
SECRET_KEY under its own label, written when she takes the topic's ballot. Her answer
arrives later in a request of its own, with no session, carrying a blind signature that
proves a ballot was taken without saying whose (see the ballot section below). Nothing
here logs or audits.
"""

import hashlib
import hmac
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.forms import CONTROL_CHARACTERS
from app.models import FeedbackKey, FeedbackResponse, FeedbackToken, Unit
from app.models.feedback import ANSWERS, TOPICS, random_id
from app.services import blind_rsa, clock
from app.services.errors import DomainError
from app.services.feedback_report import answers_close

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


def _validate(topic: str, answer: str, comment: str) -> str:
    if topic not in TOPICS:
        raise DomainError("Select one of the topics shown", "topic")
    if answer not in ANSWERS:
        raise DomainError("Select one of the answers shown", "answer")
    return check_comment(comment)


def record_feedback(mother, topic: str, answer: str, comment: str = "") -> None:
    """Without JavaScript: store the answer and the token that stops a second one this
    week in one request. The page says plainly that this is less private than a ballot."""
    comment = _validate(topic, answer, comment)
    today = clock.local_today(mother.unit)
    token = answer_token(mother.id, topic, today)
    if db.session.get(FeedbackToken, token) is not None:
        raise DomainError(ALREADY_ANSWERED, "topic")
    try:
        with db.session.begin_nested():
            db.session.add(FeedbackToken(token=token, unit_id=mother.unit_id))
    except IntegrityError:  # the same mother, the same topic, in another tab at once
        raise DomainError(ALREADY_ANSWERED, "topic") from None
    store_answer(mother.unit_id, topic, week_start(today), answer, comment, random_id())


# Ballots (RFC 9474 blind signatures). Taking a ballot is the only signed-in step: it
# records that she answered this topic this week and signs a value her phone blinded.
# Her phone later sends the answer with the unblinded token, with no cookie, at a moment
# of its own choosing; the server stores it if the signature holds and the token is
# unspent. Nothing stored with the ballot can be matched to the answer, or the other way.


class BallotRefused(DomainError):
    """A ballot or an answer the server will not take; ``status`` is the HTTP answer."""

    def __init__(self, message: str, status: int = 400, field: str | None = "topic"):
        super().__init__(message, field)
        self.status = status


def _ballot_key(unit_id: int, topic: str, week: date) -> FeedbackKey:
    key = db.session.get(FeedbackKey, (unit_id, topic, week))
    if key is not None:
        return key
    try:
        with db.session.begin_nested():
            key = FeedbackKey(
                unit_id=unit_id, topic=topic, week=week, private_key=blind_rsa.new_private_key()
            )
            db.session.add(key)
    except IntegrityError:  # another mother's phone asked at the same moment
        key = db.session.get(FeedbackKey, (unit_id, topic, week))
    return key


def open_ballot(mother, topic: str) -> dict:
    """What her phone needs to prepare a ballot: this week's public key for the topic."""
    if topic not in TOPICS:
        raise BallotRefused("Select one of the topics shown")
    if topic in answered_topics(mother):
        raise BallotRefused(ALREADY_ANSWERED, 409)
    week = week_start(clock.local_today(mother.unit))
    key = _ballot_key(mother.unit_id, topic, week)
    return {
        "unit": mother.unit_id,
        "topic": topic,
        "week": week.isoformat(),
        "key": blind_rsa.public_jwk(key.private_key),
    }


def take_ballot(mother, topic: str, week: date, blinded: bytes) -> bytes:
    """Record that she answered ``topic`` this week and sign her blinded token.

    The same blinded value sent again (the first reply was lost on a weak signal) is
    signed again; any other second ballot for the topic and week is refused."""
    if topic not in TOPICS:
        raise BallotRefused("Select one of the topics shown")
    if week != week_start(clock.local_today(mother.unit)):
        raise BallotRefused("This week's feedback has closed. Start again.", 409)
    key = db.session.get(FeedbackKey, (mother.unit_id, topic, week))
    if key is None:
        raise BallotRefused("Start again from the feedback page.")
    token = answer_token(mother.id, topic, week)
    digest = hashlib.sha256(blinded).hexdigest()
    taken = db.session.get(FeedbackToken, token)
    if taken is not None and taken.blinded_digest != digest:
        raise BallotRefused(ALREADY_ANSWERED, 409)
    try:
        signature = blind_rsa.blind_sign(key.private_key, blinded)
    except blind_rsa.BlindSignError:
        raise BallotRefused("Your phone sent something we could not read.") from None
    if taken is None:
        try:
            with db.session.begin_nested():
                db.session.add(
                    FeedbackToken(token=token, unit_id=mother.unit_id, blinded_digest=digest)
                )
        except IntegrityError:
            raise BallotRefused(ALREADY_ANSWERED, 409) from None
    return signature


def response_id(token: bytes) -> str:
    """An answer's id is the digest of its spent token: a second spend is the same row."""
    return hashlib.sha256(token).hexdigest()[:32]


def record_answer(
    unit_id: int, topic: str, week: date, token: bytes, signature: bytes, answer: str, comment: str
) -> None:
    """Store an answer sent with no session: only its signed token says it may be counted."""
    comment = _validate(topic, answer, comment)
    unit = db.session.get(Unit, unit_id)
    if unit is not None and clock.local_today(unit) >= answers_close(week):
        raise BallotRefused("Feedback for that week has closed.", 410)
    key = db.session.get(FeedbackKey, (unit_id, topic, week))
    if key is None or not blind_rsa.verify(key.private_key, token, signature):
        raise BallotRefused("This feedback does not carry a valid ballot.", 400)
    row_id = response_id(token)
    if db.session.get(FeedbackResponse, row_id) is not None:
        raise BallotRefused("This feedback has already arrived.", 409)
    store_answer(unit_id, topic, week, answer, comment, row_id)


def store_answer(unit_id: int, topic: str, week: date, answer: str, comment: str, row_id: str):
    """Add the answer, then write the unit's whole week again in the order of its random
    ids, in this transaction.

    Storage keeps traces of arrival: SQLite puts the newest cell at the lowest offset of
    its page, PostgreSQL stores rows in arrival order stamped with the transaction that
    wrote them (xmin). Deleting and inserting the week again leaves every row with this
    transaction's stamp, in an order set by ids alone. SQLite runs with secure_delete, so
    the deleted copies are zeroed; the view then truncates the WAL.
    """
    table = FeedbackResponse.__table__
    in_week = (table.c.unit_id == unit_id) & (table.c.week == week)
    rows = [dict(row) for row in db.session.execute(select(table).where(in_week)).mappings()]
    rows.append(
        dict(
            id=row_id,
            unit_id=unit_id,
            topic=topic,
            week=week,
            answer=answer,
            comment=comment,
            moderation="shown",
        )
    )
    db.session.execute(delete(table).where(in_week))
    for row in sorted(rows, key=lambda r: r["id"]):
        db.session.execute(insert(table).values(**row))
