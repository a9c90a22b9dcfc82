"""My voice: points a mother wants the team to hear at its multidisciplinary (MDT) meeting,
and when that meeting is held.

A meeting has no row of its own: it is a date of the unit's weekly schedule, in the unit's
time zone, with per-date changes (cancelled or moved) in MeetingChange. A point names the
series date of the meeting it is for.
"""

from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.user import User

# How a point travels to the meeting, in her words.
TRAVELS = {
    "named": "Raise it with my name",
    "unnamed": "Raise it without my name",
    "peer_only": "Just for my peer worker to know",
}


class MeetingSchedule(Base):
    """When the unit's MDT meets: one weekday at a local time, from a first date."""

    __tablename__ = "meeting_schedule"
    __table_args__ = (CheckConstraint("weekday between 0 and 6", name="weekday_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), unique=True)
    weekday: Mapped[int] = mapped_column(Integer)  # Monday = 0
    starts_at: Mapped[time] = mapped_column(Time)  # local wall-clock time in the unit
    starts_on: Mapped[date] = mapped_column(Date)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class MeetingChange(Base):
    """One date of the schedule cancelled (with a reason) or moved to another date and time."""

    __tablename__ = "meeting_change"
    __table_args__ = (
        UniqueConstraint("unit_id", "on_date", name="uq_meeting_change_date"),
        CheckConstraint("status in ('cancelled', 'moved')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date)  # the date in the series
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200), default="")
    new_date: Mapped[date | None] = mapped_column(Date)
    new_starts_at: Mapped[time | None] = mapped_column(Time)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VoicePoint(Base):
    """A point a mother wants heard, and the team's answer. Removed by the retention purge."""

    __tablename__ = "voice_point"
    __table_args__ = (
        CheckConstraint("travels in ('named', 'unnamed', 'peer_only')", name="travels_known"),
        CheckConstraint(
            "state in ('open', 'raised', 'carried', 'read', 'withdrawn')", name="state_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    mother_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    text: Mapped[str] = mapped_column(String(500))
    travels: Mapped[str] = mapped_column(String(20))
    meeting_on: Mapped[date] = mapped_column(Date, index=True)  # series date of its meeting
    state: Mapped[str] = mapped_column(String(20), default="open")
    answer: Mapped[str] = mapped_column(String(500), default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A short theme a peer worker gives a point raised without a name, counted for staff.
    theme: Mapped[str] = mapped_column(String(60), default="")
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("voice_point.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    mother: Mapped[User] = relationship(foreign_keys=[mother_id])
    reply_to: Mapped["VoicePoint | None"] = relationship(remote_side=[id])

    @property
    def travels_label(self) -> str:
        """How it travels, as she reads it afterwards."""
        return {
            "named": "With your name",
            "unnamed": "Without your name",
            "peer_only": "Just for your peer worker",
        }[self.travels]
