import enum
from datetime import date, datetime, time

from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Time,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base, UTCDateTime, utcnow
from app.models.unit import Unit


class Role(enum.StrEnum):
    MOTHER = "mother"
    PEER_WORKER = "peer_worker"
    STAFF = "staff"

    @property
    def label(self) -> str:
        return {"mother": "Mother", "peer_worker": "Peer support worker", "staff": "Staff"}[
            self.value
        ]


class User(UserMixin, Base):
    """Anyone who signs in. Mothers have no email address; staff activate them with a code."""

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role in ('mother', 'peer_worker', 'staff')", name="role_known"),
        CheckConstraint("(rest_from IS NULL) = (rest_until IS NULL)", name="rest_both_or_neither"),
        CheckConstraint("rest_from IS NULL OR rest_from < rest_until", name="rest_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    display_name: Mapped[str] = mapped_column(String(60))
    username: Mapped[str] = mapped_column(String(40), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Mothers only: the admission, and support that continues after discharge.
    admitted_on: Mapped[date | None] = mapped_column(Date)
    discharged_on: Mapped[date | None] = mapped_column(Date)
    support_until: Mapped[date | None] = mapped_column(Date)
    # Her community perinatal mental health team, when staff recorded it at discharge.
    community_team_name: Mapped[str] = mapped_column(String(120), default="", server_default="")
    community_team_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # When she last said she has seen the changes on her home (cancelled or moved sessions
    # and groups); older changes are no longer shown there.
    changes_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Mothers after discharge: the number a peer worker rings for a phone session. Seen only
    # by the unit's peer workers (each read audited); removed by the retention purge.
    callback_phone: Mapped[str | None] = mapped_column(String(20))
    # When she tapped "Carry on" under "About peer support", shown at her first sign-in.
    about_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The discharge date of the stay she was last asked about ("How was your stay?" on her
    # home), set whether she chose to give feedback or not. Her discharge date, not the day
    # she tapped, so it says no more than discharged_on does and nothing about feedback.
    discharge_feedback_asked_for: Mapped[date | None] = mapped_column(Date)
    # Mothers only: a daily rest time (wall-clock, the unit's time zone, within one day).
    # She is not offered sessions then, and reminders wait until it ends.
    rest_from: Mapped[time | None] = mapped_column(Time)
    rest_until: Mapped[time | None] = mapped_column(Time)
    # Peer workers only: contracted minutes per week, for the workload guard.
    contracted_minutes: Mapped[int | None] = mapped_column(Integer)
    # Peer workers only: her consent to her first name and usual days under "Who is in",
    # for the unit's mothers, and separately on the public visitors' page.
    name_shown_to_mothers: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=true()
    )
    name_shown_to_visitors: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    # A peer worker's line manager: a member of staff of her unit.
    line_manager_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # Two-step sign-in (staff and peer workers): a TOTP secret, live once confirmed.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    mfa_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(Integer)
    # Set when the retention purge removed her name and records (app/services/retention.py).
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship(lazy="joined")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_mother(self) -> bool:
        return self.role == Role.MOTHER

    @property
    def is_peer_worker(self) -> bool:
        return self.role == Role.PEER_WORKER

    @property
    def is_staff(self) -> bool:
        return self.role == Role.STAFF

    # The token of the sign-in session this request belongs to (see SignInSession).
    sign_in_token = None  # a plain attribute, not a column

    def get_id(self) -> str:
        # Flask-Login keeps this in the session cookie; its record ends it server-side.
        return f"{self.id}:{self.sign_in_token}"

    def support_ended(self, today: date) -> bool:
        """A discharged mother keeps access until her support-until date, then loses it."""
        if not self.is_mother or self.discharged_on is None:
            return False
        return self.support_until is None or self.support_until < today

    @property
    def mfa_enabled(self) -> bool:
        return self.mfa_enabled_at is not None

    @property
    def may_use_mfa(self) -> bool:
        return self.role in (Role.STAFF, Role.PEER_WORKER)

    def is_discharged(self) -> bool:
        return self.is_mother and self.discharged_on is not None


class SignInSession(Base):
    """One sign-in, from one browser: signing out or closing the account deletes it.

    Only a digest of the cookie's token is kept, so a copy of the database signs nobody in.
    """

    __tablename__ = "sign_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ActivationCode(Base):
    """A one-time code staff hand over so that someone sets her own password."""

    __tablename__ = "activation_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class RecoveryCode(Base):
    """A one-time code that stands in for the authenticator app (a lost phone)."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
