"""Web Push: a person's subscribed devices, and which device got which notification."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class PushSubscription(Base):
    """One browser on one device that agreed to receive this person's notifications.

    The endpoint comes from the browser, so it is checked before it is stored and again
    before every send (see app/services/push_endpoints.py).
    """

    __tablename__ = "push_subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    endpoint: Mapped[str] = mapped_column(String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    device_label: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failure_count: Mapped[int] = mapped_column(Integer, default=0)


class PushDelivery(Base):
    """A notification accepted by the push service for one device, recorded when the
    notification is to be tried again for another of her devices.

    Retries skip devices listed here, so a retry after one device failed never sends
    the same notification twice to another. The unique constraint makes that a rule.
    A notification that is done (sent or failed) is never tried again, so none is
    recorded for it: the table holds only what retries need.
    """

    __tablename__ = "push_delivery"
    __table_args__ = (UniqueConstraint("notification_id", "subscription_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("notification.id", ondelete="CASCADE"), index=True
    )
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("push_subscription.id", ondelete="CASCADE"), index=True
    )
    delivered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
