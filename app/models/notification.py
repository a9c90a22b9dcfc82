from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class Notification(Base):
    """Outbox row, written in the same transaction as the event that caused it.

    Title and body are lock-screen safe: they never name a person, a topic or the unit's
    purpose. The push worker delivers pending rows.

    Status: pending (waiting to be sent, not before ``not_before``), sending (claimed by
    one worker, ``claim_token``), held (quiet hours: waits to be summarised), sent,
    summarised (reached her in a digest), skipped (no device to send to), withdrawn (what
    it was about was withdrawn before it went) or failed (gave up after retries; staff see
    these).
    """

    __tablename__ = "notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(String(160))
    url: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(String(200), default="")
    claim_token: Mapped[str | None] = mapped_column(String(32), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set for a test notification: only this device, not all of hers.
    only_subscription_id: Mapped[int | None] = mapped_column(Integer)
