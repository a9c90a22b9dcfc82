"""A mother's plan for going home, in her own words: hers and her unit's peer workers'."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.user import User


class GoingHomePlan(Base):
    """One plan per mother. Read and changed only by her and her unit's peer workers; the
    audit log records that it changed and by whom, never what it says."""

    __tablename__ = "going_home_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    mother_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), unique=True)
    what_helped: Mapped[str] = mapped_column(Text, default="")
    warning_signs: Mapped[str] = mapped_column(Text, default="")
    what_to_do: Mapped[str] = mapped_column(Text, default="")
    health_visitor_name: Mapped[str] = mapped_column(String(60), default="")
    health_visitor_phone: Mapped[str] = mapped_column(String(20), default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.what_helped, self.warning_signs, self.what_to_do, self.health_visitor_phone)
        )
