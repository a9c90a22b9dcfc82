from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.user import User

MEETING_KINDS = {"clinical": "Clinical supervision", "line_management": "Line management"}


class SupervisionMeeting(Base):
    """A day a peer worker had clinical supervision or a line-management meeting. The
    date and the kind only: what was said stays out of the app."""

    __tablename__ = "supervision_meeting"
    __table_args__ = (
        CheckConstraint("kind IN ('clinical', 'line_management')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    met_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def kind_label(self) -> str:
        return MEETING_KINDS[self.kind]


class SupervisionReminder(Base):
    """The push worker reminded her (and her line manager) that a meeting of this kind is
    due on ``due_on``: one row per due period, so the reminder goes once."""

    __tablename__ = "supervision_reminder"
    __table_args__ = (UniqueConstraint("peer_worker_id", "kind", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date] = mapped_column(Date)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DebriefRequest(Base):
    """ "I'd like a debrief": one open request per peer worker, until staff answer it."""

    __tablename__ = "debrief_request"
    __table_args__ = (
        Index(
            "uq_debrief_request_open",
            "peer_worker_id",
            unique=True,
            sqlite_where=text("answered_at IS NULL"),
            postgresql_where=text("answered_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    peer_worker: Mapped[User] = relationship(foreign_keys=[peer_worker_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
