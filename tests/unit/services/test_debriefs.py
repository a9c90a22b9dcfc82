""" "I'd like a debrief": her line manager is told, or all staff when she has none; asking
twice tells nobody twice; staff mark it answered once."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification
from app.services import debriefs
from app.services.errors import DomainError

LINK = "/staff/"


@pytest.fixture
def people(app, factory, unit):
    peer = factory.user("peer_worker", unit, display_name="Priya")
    helen = factory.user("staff", unit, display_name="Helen")
    factory.user("staff", unit, display_name="Sam")
    factory.user("staff", unit, display_name="Closed", active=False)
    return {"peer": peer, "helen": helen}


def told():
    rows = db.session.scalars(select(Notification).order_by(Notification.user_id))
    return [(n.user_id, n.title, n.body) for n in rows]


TEXT = ("A colleague would like a debrief", "Open the app to see who")


def test_her_line_manager_is_told_with_no_name_on_the_lock_screen(people):
    peer, helen = people["peer"], people["helen"]
    peer.line_manager_id = helen.id

    request, is_new = debriefs.ask_for_debrief(peer, LINK)
    assert is_new and told() == [(helen.id, *TEXT)]
    assert debriefs.ask_for_debrief(peer, LINK) == (request, False)
    assert len(told()) == 1


def test_with_no_line_manager_every_open_staff_account_is_told(people, unit):
    debriefs.ask_for_debrief(people["peer"], LINK)
    assert len(told()) == 2  # Helen and Sam, not the closed account
    assert {row[1:] for row in told()} == {TEXT}


def test_it_waits_on_staff_home_until_answered_once(people, unit):
    peer, helen = people["peer"], people["helen"]
    request, _ = debriefs.ask_for_debrief(peer, LINK)
    assert debriefs.open_debriefs(unit) == [request]
    assert debriefs.debrief_to_show(peer) == request

    debriefs.answer_debrief(helen, request)
    assert debriefs.open_debriefs(unit) == []
    assert debriefs.debrief_to_show(peer).answered_by == helen
    with pytest.raises(DomainError, match="Helen has answered this already"):
        debriefs.answer_debrief(helen, request)
    again, is_new = debriefs.ask_for_debrief(peer, LINK)
    assert is_new and again != request
