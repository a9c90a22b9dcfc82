"""My plan for going home: only she and her unit's peer workers read and change it; its
contacts and phone sessions come from live data; bad input changes nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, GoingHomePlan
from app.services.help_contacts import NHS_111, SAMARITANS
from tests.factories import BookingFactory

TODAY = date(2027, 3, 10)
WORDS = {
    "what_helped": "Baby massage on Thursdays.\nTalking to Grace.",
    "warning_signs": "I stop sleeping even when the baby sleeps.",
    "what_to_do": "Ask me how I am. If I stop sleeping for two nights, I call the team.",
    "health_visitor_name": "Sam Patel",
    "health_visitor_phone": "01632 960001",
}


def page(response):
    return response.get_data(as_text=True)


@pytest.fixture
def erin(as_role):
    """A mother discharged last week, supported until the end of April."""
    return as_role(
        "mother",
        display_name="Erin",
        discharged_on=TODAY - timedelta(days=7),
        support_until=date(2027, 4, 30),
        community_team_name="Reading perinatal team",
        community_team_phone="0118 496 0123",
    )


def save(web, url, **changes):
    return web.post(url, {**WORDS, **changes}, token_page=url)


def plan_count():
    return db.session.scalar(select(func.count()).select_from(GoingHomePlan))


def test_she_writes_her_plan_and_reads_it_back(erin):
    web, mother = erin
    assert "Not written yet." in page(web.client.get("/me/plan"))
    response = save(web, "/me/plan/edit")
    assert response.status_code == 302 and response.headers["Location"] == "/me/plan"
    html = page(web.client.get("/me/plan"))
    assert "Your plan is saved." in html
    assert "Baby massage on Thursdays.\nTalking to Grace." in html
    assert "I stop sleeping even when the baby sleeps." in html
    assert "Sam Patel" in html and "01632 960001" in html and 'href="tel:01632960001"' in html
    assert "by you." in html
    plan = db.session.scalar(select(GoingHomePlan))
    assert plan.mother_id == mother.id and plan.updated_by_id == mother.id


def test_the_audit_log_says_who_changed_it_by_role_never_the_words(erin, as_role):
    web, mother = erin
    save(web, "/me/plan/edit")
    peer_web, peer = as_role("peer_worker", display_name="Grace")
    save(peer_web, f"/peer/mothers/{mother.id}/plan/edit", warning_signs="I stop eating.")
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "going_home_plan.changed")
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.actor_id, e.subject_id) for e in events] == [(mother.id, mother.id)] * 1 + [
        (peer.id, mother.id)
    ]
    assert "by=her" in events[0].detail and "by=peer_worker" in events[1].detail
    assert "parts=warning_signs" in events[1].detail
    for event in events:
        for words in (*WORDS.values(), "I stop eating."):
            assert words not in event.detail
    # She sees that a peer worker changed it last; the peer worker sees who.
    assert "by a peer support worker." in page(web.client.get("/me/plan"))
    assert "by Grace (peer support worker)." in page(
        peer_web.client.get(f"/peer/mothers/{mother.id}/plan")
    )


def test_saving_it_unchanged_writes_no_audit_event(erin):
    web, _ = erin
    save(web, "/me/plan/edit")
    save(web, "/me/plan/edit")
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "going_home_plan.changed")
        )
        == 1
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("what_helped", "a" * 1001, "What helped you must be 1000 characters or fewer"),
        ("warning_signs", "x\x00y", "Your early warning signs must only include letters"),
        ("what_to_do", "call \u202eus", "What you would like must only include letters"),
        ("health_visitor_name", "Sam\nPatel", "name must only include letters"),
        ("health_visitor_name", "S" * 61, "name must be 60 characters or fewer"),
        ("health_visitor_phone", "not a number", "Enter a UK phone number"),
        ("health_visitor_phone", "999", "Enter a UK phone number"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(erin, field, value, message):
    web, _ = erin
    response = save(web, "/me/plan/edit", **{field: value})
    assert response.status_code == 400
    html = page(response)
    assert "There is a problem" in html and message in html
    assert plan_count() == 0
    assert "Your plan is saved" not in page(web.client.get("/me/plan"))


def test_bad_input_leaves_an_existing_plan_as_it_was(erin):
    web, _ = erin
    save(web, "/me/plan/edit")
    assert save(web, "/me/plan/edit", what_helped="x" * 1001).status_code == 400
    db.session.expire_all()
    assert db.session.scalar(select(GoingHomePlan.what_helped)) == WORDS["what_helped"]


def test_her_unit_s_peer_worker_reads_and_changes_it_with_her(erin, as_role):
    web, mother = erin
    save(web, "/me/plan/edit")
    peer_web, _ = as_role("peer_worker")
    url = f"/peer/mothers/{mother.id}/plan"
    html = page(peer_web.client.get(url))
    assert "Erin's plan for going home" in html and WORDS["warning_signs"] in html
    response = save(peer_web, url + "/edit", what_helped="The garden.")
    assert response.status_code == 302 and response.headers["Location"] == url
    assert "Her plan is saved." in page(peer_web.client.get(url))
    assert "The garden." in page(web.client.get("/me/plan"))


def test_staff_cannot_read_or_change_it_and_another_unit_gets_404(
    erin, as_role, factory, other_unit
):
    web, mother = erin
    save(web, "/me/plan/edit")
    staff, _ = as_role("staff")
    for url in (f"/peer/mothers/{mother.id}/plan", f"/peer/mothers/{mother.id}/plan/edit"):
        assert staff.client.get(url).status_code == 403
    assert "Baby massage" not in page(staff.client.get(f"/staff/people/{mother.id}"))
    other_peer, _ = as_role("peer_worker", target_unit=other_unit)
    for url in (f"/peer/mothers/{mother.id}/plan", f"/peer/mothers/{mother.id}/plan/edit"):
        assert other_peer.client.get(url).status_code == 404
    response = save(other_peer, f"/peer/mothers/{mother.id}/plan/edit", what_helped="Hacked")
    assert response.status_code == 404
    # Another mother of the same unit has no way to her plan: /me/plan is always her own.
    sister, _ = as_role("mother")
    assert "Baby massage" not in page(sister.client.get("/me/plan"))
    assert sister.client.get(f"/peer/mothers/{mother.id}/plan").status_code == 403


def test_a_peer_worker_id_is_not_a_mother(as_role):
    peer_web, _ = as_role("peer_worker")
    _, colleague = as_role("peer_worker")
    assert peer_web.client.get(f"/peer/mothers/{colleague.id}/plan").status_code == 404


def test_contacts_are_built_from_live_data(erin):
    web, mother = erin
    save(web, "/me/plan/edit")
    html = page(web.client.get("/me/plan"))
    assert mother.unit.phone in html and "While we support you, until 30 April 2027." in html
    assert "Reading perinatal team" in html and "0118 496 0123" in html
    for line in (NHS_111, SAMARITANS):
        assert line[0] in html and line[1] in html
    # Staff change her team's number and her support date: the plan follows at once.
    mother.community_team_phone = "0118 496 0999"
    mother.support_until = date(2027, 5, 31)
    db.session.commit()
    html = page(web.client.get("/me/plan"))
    assert "0118 496 0999" in html and "0118 496 0123" not in html
    assert "until 31 May 2027." in html


def test_on_the_unit_she_has_a_plan_too_without_a_support_date(as_role):
    web, _ = as_role("mother")
    html = page(web.client.get("/me/plan"))
    assert web.client.get("/me/plan").status_code == 200
    assert "Ask for a member of staff" in html and "While we support you" not in html
    assert "Staff add their number when you leave the unit." in html
    assert save(web, "/me/plan/edit").status_code == 302


def test_phone_sessions_are_listed_only_up_to_support_until(erin, as_role):
    web, mother = erin
    _, peer = as_role("peer_worker", display_name="Grace")
    soon = datetime(2027, 3, 17, 14, tzinfo=UTC)
    last_day = datetime(2027, 4, 30, 21, tzinfo=UTC)  # 22:00 London, BST, still 30 April
    after = datetime(2027, 5, 3, 14, tzinfo=UTC)
    for starts in (soon, last_day, after):
        BookingFactory(mother=mother, peer_worker=peer, starts_at=starts, place="phone")
    BookingFactory(
        mother=mother,
        peer_worker=peer,
        starts_at=datetime(2027, 3, 18, 14, tzinfo=UTC),
        place="phone",
        status="cancelled",
    )
    html = page(web.client.get("/me/plan"))
    assert "Wednesday 17 March 2027 at 14:00" in html
    assert "Friday 30 April 2027 at 22:00" in html
    assert "Monday 3 May 2027" not in html and "18 March 2027" not in html


def test_her_plan_may_be_kept_offline_and_the_peer_view_may_not(erin, as_role):
    web, mother = erin
    assert web.client.get("/me/plan").headers["Offline-Copy"] == "keep"
    peer_web, _ = as_role("peer_worker")
    response = peer_web.client.get(f"/peer/mothers/{mother.id}/plan")
    assert response.status_code == 200 and "Offline-Copy" not in response.headers
    assert response.headers["Cache-Control"] == "no-store"


def test_her_home_help_page_caseload_and_session_link_to_the_plan(erin, as_role):
    web, mother = erin
    assert 'href="/me/plan"' in page(web.client.get("/me/"))
    assert 'href="/me/plan"' in page(web.client.get("/help"))
    peer_web, peer = as_role("peer_worker")
    caseload = page(peer_web.client.get("/peer/caseload"))
    assert f'href="/peer/mothers/{mother.id}/plan"' in caseload and "Not written yet" in caseload
    save(web, "/me/plan/edit")
    caseload = page(peer_web.client.get("/peer/caseload"))
    assert "Last changed on Wednesday 10 March 2027" in caseload
    booking = BookingFactory(mother=mother, peer_worker=peer, place="phone")
    session = page(peer_web.client.get(f"/peer/sessions/{booking.id}"))
    assert f'href="/peer/mothers/{mother.id}/plan"' in session


def test_her_pages_after_discharge_are_valid_html(erin, as_role, tmp_path):
    """The every-page check sees a mother on the unit; this sees Erin after discharge: her
    home with "How was your stay?", her plan with a phone session, and a refused edit."""
    from tests.integration.test_valid_html import checker_errors

    web, mother = erin
    _, peer = as_role("peer_worker")
    BookingFactory(mother=mother, peer_worker=peer, place="phone")
    save(web, "/me/plan/edit")
    pages = {
        "home": page(web.client.get("/me/")),
        "plan": page(web.client.get("/me/plan")),
        "refused": page(save(web, "/me/plan/edit", what_helped="x" * 1001)),
    }
    assert "How was your stay?" in pages["home"] and "There is a problem" in pages["refused"]
    assert checker_errors(pages, tmp_path) == []


def test_each_time_a_peer_worker_opens_her_plan_the_audit_log_says_so(erin, as_role):
    web, mother = erin
    save(web, "/me/plan/edit")
    web.client.get("/me/plan")
    peer_web, peer = as_role("peer_worker")
    peer_web.client.get(f"/peer/mothers/{mother.id}/plan")
    peer_web.client.get(f"/peer/mothers/{mother.id}/plan/edit")
    reads = db.session.execute(
        select(AuditEvent.actor_id, AuditEvent.subject_id, AuditEvent.detail).where(
            AuditEvent.action == "going_home_plan.viewed"
        )
    ).all()
    assert reads == [(peer.id, mother.id, "")] * 2  # her own reads are hers alone
    staff, _ = as_role("staff")
    log = page(staff.client.get("/staff/audit"))
    assert "read Erin&#39;s plan for going home" in log
    assert "Erin changed her plan for going home" in log
