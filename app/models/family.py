"""What the visitors' page keeps for partners and families: the poster code that lets a
visitor give feedback without an account, and the "Support for you" list."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow


class FamilyFeedbackCode(Base):
    """The code on the visitors' room poster for one calendar month (``month`` is its
    first day). The newest row of a unit is the poster's; older rows are kept a while
    only to tell a visitor who types one that the code has changed."""

    __tablename__ = "family_feedback_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    code: Mapped[str] = mapped_column(String(12))
    month: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PartnerSupport(Base):
    """One place a partner can get support for their own mental health."""

    __tablename__ = "partner_support"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    link: Mapped[str] = mapped_column(String(300), default="")
