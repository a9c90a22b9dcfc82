"""Friends and Family Test feedback, kept anonymous by the shape of its tables.

On an eight-bed ward a timestamp, an arrival order or a user id would point to one
mother. So a feedback row holds only a random id, the unit, topic, ISO week, answer,
comment and moderation state; and the "already answered this week" marker lives in a
table of its own as a keyed one-way hash, with no reference to the feedback row. Both
tables have random primary keys and, on SQLite, no rowid: rows are stored in key order,
so neither ids nor physical order say which row came first or which goes with which.
tests/unit/test_feedback_schema.py inspects the migrated schema and fails on any
column that could identify the author.
"""

import secrets
from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base

TOPICS = {
    "peer_support": "Peer support",
    "groups": "Groups and activities",
    "unit": "The unit overall",
    "discharge": "At discharge",
}

# The NHS Friends and Family Test answers, in the order NHS England lists them.
ANSWERS = {
    "very_good": "Very good",
    "good": "Good",
    "neither": "Neither good nor poor",
    "poor": "Poor",
    "very_poor": "Very poor",
    "dont_know": "Don't know",
}

# Partners, relatives and friends who visit answer the same question on the visitors'
# page (app/visitors/family_feedback.py). Their answers are rows of their own topic, so
# the one report, suppression, batch and moderation code serves both, and the mothers'
# figures (which count TOPICS only) never include them.
FAMILY_TOPIC = "family"
FAMILY_TOPICS = {FAMILY_TOPIC: "Family and friends who visit"}
ALL_TOPICS = TOPICS | FAMILY_TOPICS

MODERATION_STATES = ("shown", "hidden")


def random_id() -> str:
    return secrets.token_hex(16)


def one_of(column: str, values) -> str:
    return f"{column} in ({', '.join(repr(v) for v in values)})"


class FeedbackResponse(Base):
    """One answer to the FFT question. Deliberately no author, time or sequence."""

    __tablename__ = "feedback_response"
    __table_args__ = (
        CheckConstraint(one_of("topic", ALL_TOPICS), name="topic_known"),
        CheckConstraint(one_of("answer", ANSWERS), name="answer_known"),
        CheckConstraint(one_of("moderation", MODERATION_STATES), name="moderation_known"),
        {"sqlite_with_rowid": False},
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=random_id)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    topic: Mapped[str] = mapped_column(String(20))
    week: Mapped[date] = mapped_column(Date, index=True)  # the Monday of the ISO week
    answer: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    moderation: Mapped[str] = mapped_column(String(10), default="shown")
    hidden_on: Mapped[date | None] = mapped_column(Date)  # see services/feedback_moderation.py

    @property
    def topic_label(self) -> str:
        return ALL_TOPICS[self.topic]

    @property
    def is_hidden(self) -> bool:
        return self.moderation == "hidden"


class FeedbackToken(Base):
    """HMAC(secret, user, topic, ISO week): she took this topic's ballot this week, never
    what she answered. ``blinded_digest`` is the SHA-256 of the blinded value her phone
    sent to be signed, so that a ballot lost on the way back can be signed again; a
    blinded value is uniformly random and says nothing of the token her phone later spends.
    """

    __tablename__ = "feedback_token"
    __table_args__ = ({"sqlite_with_rowid": False},)

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    blinded_digest: Mapped[str | None] = mapped_column(String(64))


class FeedbackKey(Base):
    """The RSA key that signs one unit's ballots for one topic and week (RFC 9474).

    Every mother of the unit gets the same public key for the same topic and week, so a
    signature says which ballot it belongs to and nothing of whom it was signed for.
    Holding the private key does not help to link: a blind signature is made over a
    value the signer never sees unblinded.
    """

    __tablename__ = "feedback_key"

    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(20), primary_key=True)
    week: Mapped[date] = mapped_column(Date, primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
