"""What families see about a unit: visiting hours, how to find it, who to call."""

from app.extensions import db
from app.services.audit import record_audit


def update_public_information(
    actor, visiting_hours: str, address: str, public_info: str, phone: str, family_rooms: str = ""
):
    unit = actor.unit
    unit.visiting_hours = visiting_hours.strip()
    unit.address = address.strip()
    unit.public_info = public_info.strip()
    unit.phone = phone.strip()
    unit.family_rooms = family_rooms.strip()
    db.session.flush()
    record_audit(actor, "unit.public_info_updated", unit)
    return unit
