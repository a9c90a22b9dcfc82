"""Responses staff publish to feedback: "You said, we did"."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base
from app.models.feedback import TOPICS, one_of


class YouSaidWeDid(Base):
    """A response staff publish to what mothers told them, shown to every mother of the unit."""

    __tablename__ = "you_said_we_did"
    __table_args__ = (CheckConstraint(one_of("topic", TOPICS), name="topic_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    topic: Mapped[str] = mapped_column(String(20))
    you_said: Mapped[str] = mapped_column(Text)
    we_did: Mapped[str] = mapped_column(Text)
    published_on: Mapped[date] = mapped_column(Date)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def topic_label(self) -> str:
        return TOPICS[self.topic]
