"""Phone sessions after discharge: who rings whom.

When she books a phone session a mother gives the number to ring her on, kept on her
account for next time, or says she will ring the unit. Her number is for the unit's peer
workers only, and each time a page shows it to one of them an audit event says so. It is
never put in a notification, a calendar or a staff page; the retention purge removes it.
"""

from app.models import Booking, Place, User
from app.services.audit import record_audit
from app.services.errors import DomainError

NUMBER_NEEDED = "Enter the number to ring you on, or choose to ring the unit"
UNIT_HAS_NO_PHONE = "The unit has no phone number to ring yet. Give us your number instead."


def arrange_call(booking: Booking, *, mother_rings_unit: bool, number: str) -> None:
    """Who rings whom for a phone booking; the number she gives is kept for next time."""
    mother = booking.mother
    if mother_rings_unit and not mother.unit.phone:
        raise DomainError(UNIT_HAS_NO_PHONE, "call")
    if not mother_rings_unit:
        if not number:
            raise DomainError(NUMBER_NEEDED, "phone")
        save_number(mother, number)
    booking.mother_rings_unit = mother_rings_unit


def save_number(mother: User, number: str) -> None:
    """Keep (or, when empty, remove) the number she is rung on."""
    if (number or None) != mother.callback_phone:
        mother.callback_phone = number or None
        record_audit(mother, "account.phone_changed", mother)


def rings_her(booking: Booking) -> bool:
    return booking.place == Place.PHONE and not booking.mother_rings_unit


def numbers_shown(peer_worker: User, sessions: list[Booking]) -> None:
    """Record that a page showed the peer worker these mothers' numbers."""
    for booking in sessions:
        if rings_her(booking) and booking.mother.callback_phone:
            record_audit(peer_worker, "booking.phone_number_viewed", booking)
