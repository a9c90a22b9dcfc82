from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Boolean, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class Unit(Base):
    """A Mother and Baby Unit: the boundary of every query a signed-in user makes."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(60), default="Europe/London")
    phone: Mapped[str] = mapped_column(String(40), default="")
    visiting_hours: Mapped[str] = mapped_column(Text, default="")
    public_info: Mapped[str] = mapped_column(Text, default="")
    # The postal address on the visitors' page, with a link to a map of it.
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Rooms where a partner or family can stay or spend time, on the visitors' page if set.
    family_rooms: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    require_staff_mfa: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Months a mother's records are kept after her support ends (flask retention purge).
    retention_months: Mapped[int] = mapped_column(Integer, default=12, server_default=text("12"))

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
