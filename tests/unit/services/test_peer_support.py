from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AboutPeerSupport, AuditEvent
from app.services import peer_support
from app.services.peer_support import Block, text_blocks, who_is_in
from app.services.peer_support_defaults import DEFAULTS
from tests.factories import AvailabilityWindowFactory
from tests.sessions_support import leave, weekly

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday, 09:00 in London
TUESDAY = date(2027, 5, 4)


@pytest.fixture(autouse=True)
def _tuesday(frozen_now):
    frozen_now(NOW)


def test_the_edited_format_reads_as_headings_paragraphs_and_lists():
    body = "## What she does\nShe listens.\nShe sits with you.\n\n- Talk\n* Groups\nAfter a list\n#not a heading\n-5 degrees"
    assert text_blocks(body) == [
        Block("heading", ("What she does",)),
        Block("paragraph", ("She listens. She sits with you.",)),
        Block("list", ("Talk", "Groups")),
        Block("paragraph", ("After a list #not a heading -5 degrees",)),
    ]


def test_html_stays_text():
    assert text_blocks("<b>hi</b>") == [Block("paragraph", ("<b>hi</b>",))]


def test_every_default_says_what_peer_workers_do_not_do_and_when_they_share():
    for audience, text in DEFAULTS.items():
        headings = [b.lines[0] for b in text_blocks(text) if b.kind == "heading"]
        assert any("not do" in h for h in headings), audience
    assert "safeguarding" in DEFAULTS["mothers"] and "safeguarding" in DEFAULTS["team"]


def test_a_unit_shows_the_default_until_it_writes_its_own(factory, unit, other_unit):
    staff = factory.user("staff", unit)
    assert peer_support.about_text(unit, "mothers") == DEFAULTS["mothers"]
    peer_support.save_about_text(staff, "mothers", "  ## Ours\nOur words.  ")
    db.session.commit()
    assert peer_support.about_text(unit, "mothers") == "## Ours\nOur words."
    assert peer_support.about_text(unit, "team") == DEFAULTS["team"]
    assert peer_support.about_text(other_unit, "mothers") == DEFAULTS["mothers"]
    assert not peer_support.is_default(unit, "mothers")
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.actor_id == staff.id))
    assert (event.action, event.detail) == ("about_peer_support.updated", "mothers")


def test_saving_again_changes_the_one_text_and_the_default_comes_back(factory, unit):
    peer = factory.user("peer_worker", unit)
    peer_support.save_about_text(peer, "team", "First")
    peer_support.save_about_text(peer, "team", "Second")
    db.session.commit()
    assert db.session.scalars(select(AboutPeerSupport.body)).all() == ["Second"]
    peer_support.use_default_text(peer, "team")
    db.session.commit()
    assert peer_support.is_default(unit, "team")
    assert peer_support.about_text(unit, "team") == DEFAULTS["team"]


def test_an_unknown_audience_is_refused(factory, unit):
    with pytest.raises(ValueError):
        peer_support.save_about_text(factory.user("staff", unit), "everyone", "text")


def test_a_mother_sees_it_once(factory, unit):
    mother = factory.user("mother", unit, about_seen_at=None)
    assert peer_support.needs_first_look(mother)
    peer_support.mark_about_seen(mother)
    peer_support.mark_about_seen(mother)
    assert mother.about_seen_at == NOW
    assert not peer_support.needs_first_look(mother)
    assert not peer_support.needs_first_look(factory.user("peer_worker", unit))


def test_who_is_in_gives_first_names_usual_days_and_today(factory, unit):
    priya = factory.user("peer_worker", unit, display_name="Priya Shah")
    grace = factory.user("peer_worker", unit, display_name="Grace")
    weekly(priya, 2)
    weekly(priya, 0)
    weekly(priya, 1)
    weekly(grace, 4)
    AvailabilityWindowFactory(peer=grace, on_date=date(2027, 5, 6), weekday=None)  # one-off
    found = who_is_in(unit, TUESDAY)
    assert [(p.first_name, p.usual_days, p.in_today) for p in found] == [
        ("Grace", "Friday", False),
        ("Priya", "Monday, Tuesday and Wednesday", True),
    ]


def test_leave_today_is_not_in_and_a_one_off_extra_day_is(factory, unit):
    away = factory.user("peer_worker", unit, display_name="Away")
    extra = factory.user("peer_worker", unit, display_name="Extra")
    weekly(away, 1)
    leave(away, TUESDAY)
    AvailabilityWindowFactory(peer=extra, on_date=TUESDAY, weekday=None)
    found = {p.first_name: p for p in who_is_in(unit, TUESDAY)}
    assert not found["Away"].in_today
    assert found["Extra"].in_today and found["Extra"].weekdays == ()


def test_names_follow_each_peer_workers_consent(factory, unit, other_unit):
    factory.user("peer_worker", unit, display_name="Shown")
    factory.user("peer_worker", unit, display_name="Hidden", name_shown_to_mothers=False)
    factory.user("peer_worker", unit, display_name="Public", name_shown_to_visitors=True)
    factory.user("peer_worker", unit, display_name="Closed", active=False)
    factory.user("peer_worker", other_unit, display_name="Elsewhere")
    names = [p.first_name for p in who_is_in(unit, TUESDAY)]
    assert names == ["Public", "Shown"]
    assert [p.first_name for p in who_is_in(unit, TUESDAY, public=True)] == ["Public"]


def test_public_consent_needs_consent_for_mothers_too(factory, unit):
    peer = factory.user("peer_worker", unit)
    peer_support.set_name_shown(peer, to_mothers=False, to_visitors=True)
    assert (peer.name_shown_to_mothers, peer.name_shown_to_visitors) == (False, False)
    peer_support.set_name_shown(peer, to_mothers=True, to_visitors=True)
    assert (peer.name_shown_to_mothers, peer.name_shown_to_visitors) == (True, True)
    peer_support.set_name_shown(peer, to_mothers=True, to_visitors=False)
    assert (peer.name_shown_to_mothers, peer.name_shown_to_visitors) == (True, False)


def test_a_new_peer_worker_is_shown_to_mothers_but_not_to_visitors(factory, unit):
    peer = factory.user("peer_worker", unit)
    assert peer.name_shown_to_mothers and not peer.name_shown_to_visitors
