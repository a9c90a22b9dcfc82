"""Feedback from partners, relatives and friends who visit, with no account.

What guards it. A visitor types the code on the poster in the visitors' room: staff
change it every calendar month, so a code passed on or photographed stops working.
Tries and answers are limited per address in the view (Flask-Limiter). The answer is
then stored exactly as a mother's: the same row, the same ISO week and no more, no
address, no browser, no time, then the same figures with small numbers hidden, the
same comment batches and the same moderation (it is only another topic).

Month end. A code is for the month it was made in (the unit's local calendar). When the
month turns and staff have not made a new one, the old code stops working at once:
visitors are told the code has changed and to ask a member of staff, and staff home
reminds staff to make and print this month's code. Nothing makes a code by itself: a
code no poster shows would lock everyone out until someone printed it anyway.
"""

import hmac
import secrets
from datetime import date

from sqlalchemy import delete, select

from app.extensions import db
from app.models import FamilyFeedbackCode
from app.models.feedback import ANSWERS, FAMILY_TOPIC, random_id
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.feedback import check_comment, store_answer, week_start

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: nothing that reads as something else on a poster.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
KEPT_CODES = 6  # old codes kept to tell a visitor "this code has changed"
WRONG_CODE = "The code is not right. Check the poster in the visitors' room and type it again"
NO_CODE = "Enter the code from the poster in the visitors' room"
CODE_CHANGED = (
    "This code has changed. Ask a member of staff or look at the poster in the visitors' room"
)


def this_month(unit) -> date:
    return clock.local_today(unit).replace(day=1)


def current_code(unit) -> FamilyFeedbackCode | None:
    """The poster's code: the unit's newest, whichever month it was made for."""
    return db.session.scalar(
        select(FamilyFeedbackCode)
        .where(FamilyFeedbackCode.unit_id == unit.id)
        .order_by(FamilyFeedbackCode.id.desc())
        .limit(1)
    )


def code_needs_changing(unit) -> bool:
    """True when there is no code for this month: staff home says so."""
    code = current_code(unit)
    return code is None or code.month != this_month(unit)


def normalise_code(typed: str) -> str:
    """Case, spaces and dashes do not matter: "ab3-x7k" is "AB3X7K"."""
    return "".join(c for c in (typed or "").upper() if c not in " -\t")


def change_code(staff, unit) -> FamilyFeedbackCode:
    """A new code for this month; the one before stops working now."""
    code = FamilyFeedbackCode(
        unit_id=unit.id,
        code="".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)),
        month=this_month(unit),
    )
    db.session.add(code)
    db.session.flush()
    kept = select(FamilyFeedbackCode.id).where(FamilyFeedbackCode.unit_id == unit.id)
    kept = kept.order_by(FamilyFeedbackCode.id.desc()).limit(KEPT_CODES)
    db.session.execute(
        delete(FamilyFeedbackCode).where(
            FamilyFeedbackCode.unit_id == unit.id,
            FamilyFeedbackCode.id.not_in(kept.scalar_subquery()),
        )
    )
    record_audit(staff, "family_feedback.code_changed", unit_id=unit.id)
    return code


def check_code(unit, typed: str) -> None:
    """Raise unless ``typed`` is this month's code. Every stored code is compared, in
    constant time, so the answer's timing says nothing of how close a guess was."""
    typed = normalise_code(typed)
    if not typed:
        raise DomainError(NO_CODE, "code")
    codes = db.session.scalars(
        select(FamilyFeedbackCode)
        .where(FamilyFeedbackCode.unit_id == unit.id)
        .order_by(FamilyFeedbackCode.id.desc())
    ).all()
    matches = [hmac.compare_digest(typed.encode(), c.code.encode()) for c in codes]
    if not any(matches):
        raise DomainError(WRONG_CODE, "code")
    if not matches[0] or codes[0].month != this_month(unit):
        raise DomainError(CODE_CHANGED, "code")


def record_family_feedback(unit, code: str, answer: str, comment: str = "") -> None:
    """Store a visitor's answer as the family topic's, in this week, if the code is right."""
    if answer not in ANSWERS:
        raise DomainError("Select one of the answers shown", "answer")
    comment = check_comment(comment)
    check_code(unit, code)
    week = week_start(clock.local_today(unit))
    store_answer(unit.id, FAMILY_TOPIC, week, answer, comment, random_id())
