"""Staff read feedback safely: suppressed report, chart, CSV, batches, moderation."""

import csv
import io
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, FeedbackResponse, YouSaidWeDid
from tests.feedback_helpers import add_responses

WEDNESDAY = datetime(2027, 3, 10, 12)
THIS_WEEK = date(2027, 3, 8)
LAST_WEEK = date(2027, 3, 1)


@pytest.fixture
def staff_web(as_role, frozen_now):
    frozen_now(WEDNESDAY)
    web, _ = as_role("staff")
    return web


def test_report_suppresses_four_and_shows_five(staff_web, unit):
    add_responses(unit, "peer_support", LAST_WEEK, ["very_good"] * 4)
    add_responses(unit, "groups", LAST_WEEK, ["very_good", "good", "good", "poor", "dont_know"])
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    peer, groups = page.split('<h2 class="nhsuk-heading-m">Groups and activities</h2>')
    peer = peer.split('<h2 class="nhsuk-heading-m">Peer support</h2>')[1]
    assert "March 2027" in peer and "Fewer than 5 responses" in peer
    assert "%" not in peer and ">4<" not in peer
    groups = groups.split("<h2")[0]
    assert "60%" in groups  # 3 of 5, Don't know in the total
    assert '<td class="nhsuk-table__cell">5</td>' in groups


def test_report_chart_is_an_svg_with_a_name_and_a_table_beside_it(staff_web, unit):
    add_responses(unit, "unit", LAST_WEEK, ["good"] * 4 + ["poor"])
    response = staff_web.client.get("/staff/feedback/")
    page = response.get_data(as_text=True)
    assert page.count('<svg class="app-chart"') == 4
    assert 'role="img" aria-labelledby="chart-unit-title chart-unit-desc"' in page
    assert (
        '<title id="chart-unit-title">The unit overall: percentage positive by month</title>'
        in (page)
    )
    assert 'width="144.0"' in page  # 80% of 180
    assert "<script" not in page.split("<main")[1]
    assert page.count('<table class="nhsuk-table">') == 4


def test_report_never_breaks_down_by_week_or_day(staff_web, unit):
    add_responses(unit, "unit", LAST_WEEK, ["good"] * 5)
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    assert "1 March" not in page and "8 March" not in page and "Monday" not in page


def test_csv_export_is_suppressed_and_safe(staff_web, unit):
    add_responses(unit, "unit", LAST_WEEK, ["good"] * 5)
    add_responses(unit, "groups", LAST_WEEK, ["good"] * 4)
    response = staff_web.client.get("/staff/feedback/export.csv?month=2027-03")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = {
        r["Topic"]: r
        for r in csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))
    }
    assert rows["The unit overall"]["Good"] == "5"
    assert rows["Groups and activities"]["Good"] == "*"


@pytest.mark.parametrize("month", ["", "2020-01", "2027-13", "=1+1"])
def test_csv_export_refuses_a_month_outside_the_list(staff_web, month):
    response = staff_web.client.get(f"/staff/feedback/export.csv?month={month}")
    assert response.status_code == 400
    assert "Choose a month from the list" in response.get_data(as_text=True)


def test_comments_appear_only_when_the_batch_is_complete(staff_web, unit, frozen_now, as_role):
    add_responses(unit, "unit", LAST_WEEK, ["good", "poor"], ["First words", "Second words"])
    add_responses(unit, "groups", THIS_WEEK, ["good"], ["Third words"])
    page = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    assert "No comments to show yet" in page
    assert "words" not in page
    frozen_now(datetime(2027, 3, 15, 9))  # the week of the third comment is over
    staff_web, _ = as_role("staff")  # days later: signed in afresh
    page = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    for text in ("First words", "Second words", "Third words"):
        assert text in page
    assert "Batch released after the week of 8 March 2027" in page


def test_hiding_a_comment(staff_web, unit):
    rows = add_responses(unit, "unit", LAST_WEEK, ["good"] * 3, ["Jo on nights", "ok", "fine"])
    audit_before = db.session.scalar(select(db.func.count()).select_from(AuditEvent))
    response = staff_web.post(
        f"/staff/feedback/comments/{rows[0].id}/hide", token_page="/staff/feedback/comments"
    )
    assert response.status_code == 302
    page = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    assert "Jo on nights" not in page
    assert "hidden because it could identify someone" in page
    db.session.expire_all()
    assert db.session.get(FeedbackResponse, rows[0].id).is_hidden
    assert db.session.scalar(select(db.func.count()).select_from(AuditEvent)) == audit_before


def test_hiding_an_unknown_or_waiting_comment_is_404(staff_web, unit):
    waiting = add_responses(unit, "unit", THIS_WEEK, ["good"] * 3, ["a", "b", "c"])[0]
    for response_id in (waiting.id, "f" * 32):
        response = staff_web.post(
            f"/staff/feedback/comments/{response_id}/hide", token_page="/staff/feedback/comments"
        )
        assert response.status_code == 404


def test_publishing_you_said_we_did(staff_web, unit):
    url = "/staff/feedback/you-said-we-did"
    response = staff_web.post(
        url,
        {"topic": "groups", "you_said": "Evenings felt long", "we_did": "A craft group"},
        token_page=url,
    )
    assert response.status_code == 302
    published = db.session.scalars(select(YouSaidWeDid)).one()
    assert (published.unit_id, published.topic) == (unit.id, "groups")
    assert published.published_on == date(2027, 3, 10)
    assert "A craft group" in staff_web.client.get(url).get_data(as_text=True)
    assert db.session.scalars(select(AuditEvent.action)).all()[-1] == "you_said_we_did.published"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"you_said": ""}, "Enter what mothers told you"),
        ({"we_did": "x" * 1001}, "We did must be 1000 characters or fewer"),
        ({"topic": "canteen"}, "Select one of the topics shown"),
        ({"you_said": "a\x00b"}, "You said must only include letters"),
    ],
)
def test_you_said_we_did_bad_input(staff_web, fields, message):
    url = "/staff/feedback/you-said-we-did"
    data = {"topic": "unit", "you_said": "Said", "we_did": "Did", **fields}
    response = staff_web.post(url, data, token_page=url)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalars(select(YouSaidWeDid)).all() == []


def test_this_weeks_answers_are_not_counted_until_the_week_ends(
    staff_web, unit, frozen_now, as_role
):
    add_responses(unit, "unit", THIS_WEEK, ["very_poor"] * 5)
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    assert "0%" not in page
    frozen_now(datetime(2027, 3, 15, 9))
    staff_web, _ = as_role("staff")  # days later: signed in afresh
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    assert "0%" in page


def test_removing_a_published_response(staff_web, factory, unit, other_unit):
    from app.services.you_said_we_did import publish_response

    staff = factory.user(role="staff", unit=unit)
    mine = publish_response(staff, "unit", "Said here", "Did here")
    theirs = publish_response(factory.user(role="staff", unit=other_unit), "unit", "S", "D")
    db.session.commit()
    mine_id, theirs_id = mine.id, theirs.id
    url = "/staff/feedback/you-said-we-did"
    assert staff_web.post(f"{url}/{theirs_id}/remove", token_page=url).status_code == 404
    assert staff_web.post(f"{url}/{mine_id}/remove", token_page=url).status_code == 302
    db.session.expire_all()
    assert db.session.scalars(select(YouSaidWeDid.id)).all() == [theirs_id]
    assert "you_said_we_did.removed" in db.session.scalars(select(AuditEvent.action)).all()
