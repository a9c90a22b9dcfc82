import calendar
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, SmallInteger, String, Time
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class AvailabilityWindow(Base):
    """A span of local time in which a peer worker offers sessions.

    Recurring windows have a ``weekday`` (Monday is 0) and no date; one-off extra windows
    have ``on_date``. Times are wall-clock times in the unit's time zone, so a Tuesday
    10:00 window stays 10:00 across clock changes. All times sit on the quarter hour, so
    every slot lines up with the 15-minute cells that bookings claim.
    """

    __tablename__ = "availability_window"
    __table_args__ = (
        CheckConstraint("(weekday IS NULL) <> (on_date IS NULL)", name="weekly_or_one_off"),
        CheckConstraint("weekday IS NULL OR weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("session_minutes IN (15, 20, 30, 45, 60)", name="session_length"),
        CheckConstraint("gap_minutes IN (0, 15, 30)", name="gap_length"),
        CheckConstraint("starts < ends", name="starts_before_ends"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    weekday: Mapped[int | None] = mapped_column(SmallInteger)
    on_date: Mapped[date | None] = mapped_column(Date)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    session_minutes: Mapped[int] = mapped_column(Integer)
    gap_minutes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_weekly(self) -> bool:
        return self.weekday is not None

    @property
    def label(self) -> str:
        """Such as "Tuesday 10:00 to 12:00", or "Friday 12 March 10:00 to 12:00"."""
        day = calendar.day_name[self.weekday] if self.is_weekly else f"{self.on_date:%A %-d %B}"
        return f"{day} {self.starts:%H:%M} to {self.ends:%H:%M}"


LEAVE_KINDS = {
    "leave": "Annual leave",
    "wellbeing": "Wellbeing day",
    "unpaid": "Unpaid leave",
    "break": "Break",
    "pause": "Paused",
}


class AvailabilityPause(Base):
    """Leave of some kind, or "pause my availability": no slots from ``first_day`` to
    ``last_day``. A break within a day (``kind`` "break") is one day, and only its hours
    from ``starts`` to ``ends`` (wall-clock times, like a window's) are blocked."""

    __tablename__ = "availability_pause"
    __table_args__ = (
        CheckConstraint("first_day <= last_day", name="ordered_days"),
        CheckConstraint(
            "kind IN ('leave', 'wellbeing', 'unpaid', 'break', 'pause')", name="kind_known"
        ),
        CheckConstraint(
            "(kind = 'break') = (starts IS NOT NULL AND ends IS NOT NULL)", name="break_hours"
        ),
        CheckConstraint(
            "starts IS NULL OR (starts < ends AND first_day = last_day)", name="break_in_a_day"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="leave")
    starts: Mapped[time | None] = mapped_column(Time)
    ends: Mapped[time | None] = mapped_column(Time)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def days(self) -> str:
        """Such as "3 March 2027 to 5 March 2027", or one day."""
        first = f"{self.first_day:%-d %B %Y}"
        return first if self.last_day == self.first_day else f"{first} to {self.last_day:%-d %B %Y}"

    @property
    def label(self) -> str:
        if self.is_break:
            return f"{self.kind_label}: {self.days}, {self.starts:%H:%M} to {self.ends:%H:%M}"
        return f"{self.kind_label}: {self.days}"

    @property
    def is_break(self) -> bool:
        return self.starts is not None

    @property
    def kind_label(self) -> str:
        return LEAVE_KINDS[self.kind]
