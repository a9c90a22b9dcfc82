import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.user import User

CELL_MINUTES = 15


class BookingStatus(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    HAPPENED = "happened"
    DID_NOT_HAPPEN = "did_not_happen"


class BabyCare(enum.StrEnum):
    """Where her baby is during a session on the ward, so nursery staff can plan."""

    WITH_ME = "with_me"
    NURSERY = "nursery"

    @property
    def label(self) -> str:
        return {"with_me": "Baby with her", "nursery": "Nursery nurse needed"}[self.value]


class Place(enum.StrEnum):
    WARD = "ward"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return {"ward": "On the ward", "phone": "By phone"}[self.value]


_BOOKED = text("status = 'booked'")


class Booking(Base):
    """A session between a mother and a peer worker. Start and end are UTC.

    Two partial unique indexes refuse a second live booking of the same peer worker, or of
    the same mother, at the same start. Overlaps with other starts are refused by the
    15-minute cells in ``booking_cell``.
    """

    __tablename__ = "booking"
    __table_args__ = (
        CheckConstraint(
            "status IN ('booked', 'cancelled', 'happened', 'did_not_happen')", name="status_known"
        ),
        CheckConstraint("place IN ('ward', 'phone')", name="place_known"),
        CheckConstraint(
            "baby_care IS NULL OR baby_care IN ('with_me', 'nursery')", name="baby_care_known"
        ),
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index(
            "uq_booking_peer_start_live",
            "peer_worker_id",
            "starts_at",
            unique=True,
            sqlite_where=_BOOKED,
            postgresql_where=_BOOKED,
        ),
        Index(
            "uq_booking_mother_start_live",
            "mother_id",
            "starts_at",
            unique=True,
            sqlite_where=_BOOKED,
            postgresql_where=_BOOKED,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    mother_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    peer_worker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(10))
    topic: Mapped[str] = mapped_column(String(200), default="")
    # A phone session: she rings the unit (True), or the peer worker rings her number.
    mother_rings_unit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # On the ward: her baby is with her, or she asked for a nursery nurse to mind the baby.
    # None for phone sessions. Never in a notification's text.
    baby_care: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default=BookingStatus.BOOKED.value)
    cancelled_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    cancel_reason: Mapped[str] = mapped_column(String(200), default="")
    # Who had the session before it was handed to her job-share partner (her leave).
    previous_peer_worker_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # When someone other than the mother cancelled or handed it over: her home shows the
    # change until she says she has seen it (User.changes_seen_at).
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # When the push worker queued her reminder, so it is queued once only.
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    mother: Mapped[User] = relationship(foreign_keys=[mother_id])
    peer_worker: Mapped[User] = relationship(foreign_keys=[peer_worker_id])
    previous_peer_worker: Mapped[User | None] = relationship(foreign_keys=[previous_peer_worker_id])
    cancelled_by: Mapped[User | None] = relationship(foreign_keys=[cancelled_by_id])

    @property
    def place_label(self) -> str:
        return Place(self.place).label

    @property
    def baby_care_label(self) -> str:
        return BabyCare(self.baby_care).label if self.baby_care else ""

    @property
    def needs_nursery_nurse(self) -> bool:
        return self.baby_care == BabyCare.NURSERY

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_live(self) -> bool:
        return self.status == BookingStatus.BOOKED


class BookingCell(Base):
    """One 15-minute cell of a person's time held by a live booking.

    A booking holds every cell it covers, once for the peer worker and once for the mother;
    the unique constraint makes any overlap impossible in the database, whatever the start
    times. Cancelling deletes the cells, which frees the time at once.
    """

    __tablename__ = "booking_cell"
    __table_args__ = (UniqueConstraint("user_id", "starts_at", name="uq_booking_cell_user_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("booking.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TalkRequest(Base):
    """ "I'd like to talk today": one open request per mother per local day."""

    __tablename__ = "talk_request"
    __table_args__ = (
        Index(
            "uq_talk_request_open",
            "mother_id",
            "on_day",
            unique=True,
            sqlite_where=text("answered_at IS NULL"),
            postgresql_where=text("answered_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    mother_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    on_day: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    mother: Mapped[User] = relationship(foreign_keys=[mother_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])


class HandoverNote(Base):
    """The job-share handover about one mother, seen only by the unit's peer workers."""

    __tablename__ = "handover_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    mother_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
