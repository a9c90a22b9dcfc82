"""What peer support is, in the unit's own words: one text for each audience."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, UTCDateTime, utcnow
from app.models.feedback import one_of

# Who reads each text: mothers, family visitors (public), and the unit's staff team.
AUDIENCES = ("mothers", "visitors", "team")


class AboutPeerSupport(Base):
    """A unit's own version of one "About peer support" text. With no row, the unit shows
    the default text (app/services/peer_support_defaults.py)."""

    __tablename__ = "about_peer_support"
    __table_args__ = (
        CheckConstraint(one_of("audience", AUDIENCES), name="audience_known"),
        UniqueConstraint("unit_id", "audience", name="uq_about_peer_support_audience"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
