from datetime import UTC, date, datetime, timedelta

import pytest

from app.services import caseload, talk
from app.services.errors import DomainError
from tests.sessions_support import booked

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)
LINK = "/peer/caseload"  # the page a notification opens


@pytest.fixture
def peer(app, factory, unit, frozen_now):
    frozen_now(NOW)
    return factory.user("peer_worker", unit)


def test_who_needs_attention_comes_first(peer, factory, unit, other_unit):
    soon = factory.user("mother", unit, display_name="Soon")
    later = factory.user("mother", unit, display_name="Later")
    quiet = factory.user("mother", unit, display_name="Quiet")
    asking = factory.user("mother", unit, display_name="Asking")
    supported = factory.user(
        "mother",
        unit,
        display_name="Home",
        discharged_on=date(2027, 4, 1),
        support_until=date(2027, 6, 1),
    )
    factory.user(
        "mother",
        unit,
        display_name="Ended",
        discharged_on=date(2027, 1, 1),
        support_until=date(2027, 3, 1),
    )
    factory.user("mother", other_unit, display_name="Elsewhere")
    booked(soon, peer, NOW + timedelta(hours=2))
    booked(later, peer, NOW + timedelta(days=2))
    booked(supported, peer, NOW + timedelta(days=3))
    booked(asking, peer, NOW + timedelta(days=1))
    booked(quiet, peer, NOW - timedelta(days=10), status="happened")
    talk.request_talk(asking, link=LINK)
    entries = caseload.caseload(peer)
    assert [e.mother.display_name for e in entries] == ["Asking", "Quiet", "Soon", "Later", "Home"]
    assert entries[1].last_session.status == "happened" and entries[1].quiet(NOW)


def test_quiet_mothers_with_and_without_a_past_session_sort_together(peer, factory, unit):
    never = factory.user("mother", unit, display_name="Never")
    once = factory.user("mother", unit, display_name="Once")
    booked(once, peer, NOW - timedelta(days=20), status="happened")
    entries = caseload.caseload(peer)
    assert [e.mother.display_name for e in entries] == ["Never", "Once"]
    assert never.id != once.id


def test_the_handover_note_is_kept_per_mother_and_unit(peer, factory, unit, other_unit):
    mother = factory.user("mother", unit)
    note = caseload.save_handover_note(peer, mother, "  Prefers afternoons  ")
    assert note.text == "Prefers afternoons"
    assert caseload.caseload(peer)[0].note.text == "Prefers afternoons"
    with pytest.raises(DomainError):
        caseload.save_handover_note(peer, factory.user("mother", other_unit), "x")


def test_today_lists_her_sessions_in_order_with_workload(peer, factory, unit):
    mother = factory.user("mother", unit)
    late = booked(mother, peer, NOW + timedelta(hours=5))
    early = booked(factory.user("mother", unit), peer, NOW + timedelta(hours=1), minutes=45)
    booked(mother, peer, NOW + timedelta(days=1))
    view = caseload.today_for(peer)
    assert view.sessions == [early, late]
    assert view.hours.sessions == 165 and view.hours.contracted == 18 * 60
