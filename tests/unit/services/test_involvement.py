"""The involvement opt-in: one per mother, withdrawable, every change and view audited."""

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, InvolvementInterest
from app.services.involvement import (
    interest_of,
    interests_for_staff,
    involvement_audit_trail,
    save_interest,
    withdraw_interest,
)


def test_saving_twice_keeps_one_opt_in_with_the_new_contact(factory, unit):
    mother = factory.user(role="mother", unit=unit)
    first = save_interest(mother, "07700 900123")
    second = save_interest(mother, "by post via the unit")
    db.session.commit()
    assert first.id == second.id
    assert interest_of(mother).contact == "by post via the unit"
    assert len(db.session.scalars(select(InvolvementInterest)).all()) == 1


def test_withdrawing_deletes_the_contact_and_is_audited(factory, unit):
    mother = factory.user(role="mother", unit=unit)
    save_interest(mother, "07700 900123")
    assert withdraw_interest(mother) is True
    assert withdraw_interest(mother) is False  # nothing left to withdraw
    db.session.commit()
    assert interest_of(mother) is None
    assert [e.action for e, _ in involvement_audit_trail(unit.id)] == [
        "involvement.withdrawn",
        "involvement.opted_in",
    ]


def test_staff_see_only_their_unit_and_the_view_is_recorded(factory, unit, other_unit):
    save_interest(factory.user(role="mother", unit=unit, display_name="Zara"), "zara@example.org")
    save_interest(factory.user(role="mother", unit=unit, display_name="Anna"), "anna@example.org")
    save_interest(factory.user(role="mother", unit=other_unit), "other@example.org")
    staff = factory.user(role="staff", unit=unit)
    listed = interests_for_staff(staff)
    db.session.commit()
    assert [i.user.display_name for i in listed] == ["Anna", "Zara"]
    viewed = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "involvement.list_viewed")
    ).one()
    assert (viewed.actor_id, viewed.unit_id) == (staff.id, unit.id)


def test_the_audit_trail_holds_only_involvement_events(factory, unit):
    from app.services.audit import record_audit

    staff = factory.user(role="staff", unit=unit)
    record_audit(staff, "account.viewed", staff)
    interests_for_staff(staff)
    db.session.commit()
    assert [e.action for e, _ in involvement_audit_trail(unit.id)] == ["involvement.list_viewed"]
