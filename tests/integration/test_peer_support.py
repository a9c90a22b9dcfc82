"""About peer support: a mother's first look, the three versions, editing, Who is in."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AboutPeerSupport, User
from app.services.peer_support import MAX_TEXT
from tests.factories import AvailabilityWindowFactory
from tests.sessions_support import weekly

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday, 09:00 in London


@pytest.fixture(autouse=True)
def _tuesday(frozen_now):
    frozen_now(NOW)


def page(web, url: str) -> str:
    response = web.client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_at_her_first_sign_in_she_reads_it_then_carries_on_and_is_not_asked_again(as_role):
    web, mother = as_role("mother", about_seen_at=None)
    assert web.client.get("/me/").headers["Location"] == "/peer-support/"
    html = page(web, "/peer-support/")
    assert "What stays between you" in html and "safeguarding" in html
    assert html.count("Carry on") == 2  # at the top, and after the text
    response = web.post("/peer-support/seen", token_page="/peer-support/")
    assert response.headers["Location"] == "/me/"
    assert db.session.get(User, mother.id).about_seen_at == NOW
    assert "Hello, " in page(web, "/me/")
    again = page(web, "/peer-support/")  # she opens it herself: no button, a way home
    assert "Carry on" not in again and "Back to your home" in again


def test_other_pages_are_not_held_up(as_role):
    web, _ = as_role("mother", about_seen_at=None)
    assert web.client.get("/me/sessions").status_code == 200
    assert web.client.get("/timetable/").status_code == 200


def test_her_home_and_the_help_page_lead_to_it(as_role):
    web, _ = as_role("mother")
    assert 'href="/peer-support/"' in page(web, "/me/")
    assert 'href="/peer-support/"' in page(web, "/help")


def test_staff_home_and_peer_home_lead_to_working_with_peer_workers(as_role):
    for role, home in (("staff", "/staff/"), ("peer_worker", "/peer/")):
        web, _ = as_role(role)
        assert 'href="/peer-support/team"' in page(web, home)
        assert "What peer workers do not do" in page(web, "/peer-support/team")


def test_her_home_says_who_is_in_today_and_the_page_lists_their_days(as_role, factory, unit):
    weekly(factory.user("peer_worker", unit, display_name="Priya"), 1)  # Tuesdays
    weekly(factory.user("peer_worker", unit, display_name="Grace"), 3)
    weekly(factory.user("peer_worker", unit, display_name="Quiet", name_shown_to_mothers=False), 1)
    web, _ = as_role("mother")
    assert "In today: <strong>Priya</strong>" in page(web, "/me/")
    html = page(web, "/peer-support/")
    assert "Grace: usually Thursday" in html and "Priya: usually Tuesday" in html
    assert "Quiet" not in html


def test_a_peer_worker_changes_her_consent_on_her_account_page(as_role):
    web, peer = as_role("peer_worker")
    assert "Mothers on the unit can see my first name" in page(web, "/account")
    response = web.post("/peer-support/my-name", {"to_visitors": "y"})
    assert response.headers["Location"] == "/account"
    peer = db.session.get(User, peer.id)
    assert not peer.name_shown_to_mothers and not peer.name_shown_to_visitors
    web.post("/peer-support/my-name", {"to_mothers": "y", "to_visitors": "y"})
    peer = db.session.get(User, peer.id)
    assert peer.name_shown_to_mothers and peer.name_shown_to_visitors


def test_the_visitors_page_has_its_own_text_and_only_publicly_consenting_names(
    client, factory, unit
):
    weekly(factory.user("peer_worker", unit, display_name="Priya"), 1)
    weekly(factory.user("peer_worker", unit, display_name="Public", name_shown_to_visitors=True), 2)
    html = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Peer support workers are part of the team here" in html
    assert "Public: usually Wednesday" in html
    assert "Priya" not in html
    assert "In today" not in html


def test_the_visitors_page_names_nobody_by_default(client, factory, unit):
    weekly(factory.user("peer_worker", unit, display_name="Priya"), 1)
    html = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Priya" not in html and "Who is in" not in html


@pytest.mark.parametrize("role", ["staff", "peer_worker"])
def test_staff_and_peer_workers_write_the_units_own_text(as_role, role):
    web, _ = as_role(role)
    assert "What a peer support worker is" in page(web, "/peer-support/edit/mothers")
    response = web.post("/peer-support/edit/mothers", {"body": "## Here\nWe are kind."})
    assert response.headers["Location"] == "/peer-support/edit/mothers"
    html = page(web, "/peer-support/")
    assert "<h2>Here</h2>" in html and "<p>We are kind.</p>" in html
    assert "What a peer support worker is" not in html


def test_the_team_and_visitors_texts_are_edited_apart(as_role, client, unit):
    web, _ = as_role("staff")
    web.post("/peer-support/edit/visitors", {"body": "Families: say hello."})
    web.post("/peer-support/edit/team", {"body": "Team: include us."})
    assert "Families: say hello." in client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Team: include us." in page(web, "/peer-support/team")
    assert "What a peer support worker is" in page(web, "/peer-support/")


def test_a_text_is_shown_as_text_never_as_html(as_role):
    web, _ = as_role("staff")
    web.post(
        "/peer-support/edit/mothers",
        {"body": '## <img src=x onerror="alert(1)">\n<script>x</script>'},
    )
    html = page(web, "/peer-support/")
    assert "<script>x" not in html and "<img src=x" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "body, message",
    [
        ("", "Enter the text, or use the default text"),
        ("   \n ", "Enter the text, or use the default text"),
        ("x" * (MAX_TEXT + 1), f"The text must be {MAX_TEXT} characters or fewer"),
        ("Hello\x00there", "The text must only include letters, numbers and punctuation"),
        ("Hello \u202eereht", "The text must only include letters, numbers and punctuation"),
    ],
)
def test_bad_text_gets_a_clear_message_and_changes_nothing(as_role, body, message):
    web, _ = as_role("peer_worker")
    web.post("/peer-support/edit/team", {"body": "Our own words."})
    response = web.post("/peer-support/edit/team", {"body": body})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(select(AboutPeerSupport.body)).all() == ["Our own words."]


def test_the_default_text_comes_back(as_role):
    web, _ = as_role("staff")
    web.post("/peer-support/edit/team", {"body": "Ours."})
    assert "Use the default text" in page(web, "/peer-support/edit/team")
    response = web.post("/peer-support/edit/team/default")
    assert response.headers["Location"] == "/peer-support/edit/team"
    assert db.session.scalar(select(func.count()).select_from(AboutPeerSupport)) == 0
    assert "What the role is for" in page(web, "/peer-support/team")


def test_an_unknown_text_is_not_found(as_role):
    web, _ = as_role("staff")
    assert web.client.get("/peer-support/edit/everyone").status_code == 404
    assert web.post("/peer-support/edit/everyone", {"body": "x"}).status_code == 404
    assert web.post("/peer-support/edit/everyone/default").status_code == 404


def test_one_units_text_never_reaches_another(as_role, factory, other_unit):
    web, _ = as_role("staff")
    web.post("/peer-support/edit/mothers", {"body": "Only for our unit."})
    theirs, _ = as_role("mother", target_unit=other_unit)
    assert "Only for our unit." not in page(theirs, "/peer-support/")
    weekly(factory.user("peer_worker", other_unit, display_name="Elsewhere"), 1)
    assert "Elsewhere" not in page(web, "/peer-support/")


def test_a_mother_cannot_change_the_texts_or_a_consent(as_role):
    web, _ = as_role("mother")
    assert web.post("/peer-support/edit/mothers", {"body": "x"}).status_code == 403
    assert web.post("/peer-support/my-name", {"to_mothers": "y"}).status_code == 403
    assert db.session.scalar(select(func.count()).select_from(AboutPeerSupport)) == 0


def test_an_extra_day_today_counts_as_in(as_role, factory, unit):
    extra = factory.user("peer_worker", unit, display_name="Extra")
    AvailabilityWindowFactory(peer=extra, on_date=NOW.date(), weekday=None)
    web, _ = as_role("mother")
    assert "In today: <strong>Extra</strong>" in page(web, "/me/")
