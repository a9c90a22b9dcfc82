from datetime import time

from sqlalchemy import Boolean, ForeignKey, Integer, Time
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class NotificationPreference(Base):
    """A person's own choices about notifications: quiet hours and reminders.

    Quiet hours are local times in the unit's time zone and may run past midnight
    (22:00 to 07:00). Notifications that arrive during them wait and are summarised
    when they end. Peer workers are also held outside their working windows, which
    come from availability, not from here (app/services/quiet_hours.py).
    """

    __tablename__ = "notification_preference"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    quiet_from: Mapped[time | None] = mapped_column(Time)
    quiet_until: Mapped[time | None] = mapped_column(Time)
    reminders_on: Mapped[bool] = mapped_column(Boolean, default=True)
    reminder_minutes: Mapped[int] = mapped_column(Integer, default=30)
