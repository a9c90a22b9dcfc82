"""Staff read feedback safely: suppressed report, chart, CSV, batches, moderation."""

import csv
import io
import re
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, FeedbackResponse, YouSaidWeDid
from tests.feedback_helpers import add_responses

WEDNESDAY = datetime(2027, 3, 10, 12)
THIS_WEEK = date(2027, 3, 8)
LAST_WEEK = date(2027, 3, 1)
FEBRUARY_WEEK = date(2027, 2, 15)  # February's figures appeared on 3 March


@pytest.fixture
def staff_web(as_role, frozen_now):
    frozen_now(WEDNESDAY)
    web, _ = as_role("staff")
    return web


def topic_section(page: str, label: str) -> str:
    return page.split(f'<h2 class="nhsuk-heading-m">{label}</h2>')[1].split("<h2")[0]


def test_report_hides_small_numbers(staff_web, unit):
    add_responses(unit, "peer_support", FEBRUARY_WEEK, ["very_good"] * 4)
    add_responses(unit, "groups", FEBRUARY_WEEK, ["very_good", "good", "good", "poor", "dont_know"])
    add_responses(unit, "unit", FEBRUARY_WEEK, ["very_good"] * 5 + ["good"] * 7 + ["poor"] * 3)
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    peer = topic_section(page, "Peer support")
    assert "February 2027" in peer and "Fewer than 5 responses" in peer
    assert "%" not in peer and ">4<" not in peer
    groups = topic_section(page, "Groups and activities")
    assert '<td class="nhsuk-table__cell">5</td>' in groups  # the total, and nothing else
    assert "%" not in groups and ">1<" not in groups and ">2<" not in groups
    overall = topic_section(page, "The unit overall")
    assert '<td class="nhsuk-table__cell">15</td>' in overall
    assert '<td class="nhsuk-table__cell">80%</td>' in overall  # 12 of 15
    assert ">3<" not in overall
    assert overall.count('<span class="nhsuk-u-visually-hidden">not shown</span>') == 4
    assert "A dash (–) means a figure is not shown" in page


def test_report_chart_is_an_svg_with_a_name_and_a_table_beside_it(staff_web, unit):
    add_responses(unit, "unit", FEBRUARY_WEEK, ["very_good"] * 5 + ["good"] * 7 + ["poor"] * 3)
    response = staff_web.client.get("/staff/feedback/")
    page = response.get_data(as_text=True)
    assert page.count('<svg class="app-chart"') == 1  # the other topics have no percentage
    assert page.count("Percentage positive is not shown for any of these months") == 3
    assert 'role="img" aria-labelledby="chart-unit-title chart-unit-desc"' in page
    assert (
        '<title id="chart-unit-title">The unit overall: percentage positive by month</title>'
        in (page)
    )
    assert 'width="144.0"' in page  # 80% of 180
    assert "<script" not in page.split("<main")[1]
    assert page.count('<table class="nhsuk-table">') == 4


def test_report_never_breaks_down_by_week_or_day(staff_web, unit):
    add_responses(unit, "unit", FEBRUARY_WEEK, ["good"] * 5)
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    assert "15 February" not in page and "Monday" not in page


def month_row(page: str, label: str, month: str) -> str:
    row = topic_section(page, label).split(f'<th scope="row" class="nhsuk-table__header">{month}')
    return row[1].split("</tr>")[0]


def csv_rows(response) -> dict[str, dict]:
    body = response.get_data(as_text=True).lstrip("\ufeff")
    return {r["Topic"]: r for r in csv.DictReader(io.StringIO(body))}


def test_csv_export_is_suppressed_and_safe(staff_web, unit):
    add_responses(unit, "unit", FEBRUARY_WEEK, ["very_good"] * 5 + ["good"] * 7 + ["poor"] * 3)
    add_responses(unit, "groups", FEBRUARY_WEEK, ["good"] * 4)
    response = staff_web.client.get("/staff/feedback/export.csv?month=2027-02")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = csv_rows(response)
    assert rows["The unit overall"]["Good"] == "7"
    assert rows["The unit overall"]["Poor"] == "*"
    assert rows["Groups and activities"]["Good"] == "*"


@pytest.mark.parametrize("month", ["", "2020-01", "2027-13", "=1+1", "2027-03"])
def test_csv_export_refuses_a_month_outside_the_list(staff_web, month):
    response = staff_web.client.get(f"/staff/feedback/export.csv?month={month}")
    assert response.status_code == 400
    assert "Choose a month from the list" in response.get_data(as_text=True)


@pytest.mark.parametrize("answers", [4, 5])
def test_a_month_appears_whole_once_it_closes(unit, frozen_now, as_role, answers):
    add_responses(unit, "unit", date(2027, 3, 22), ["good"] * answers)  # March's last week
    frozen_now(datetime(2027, 3, 30, 22, 30))  # 23:30 on 30 March in London (BST)
    staff_web, _ = as_role("staff")
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    assert "Figures for March 2027 will appear on 31 March 2027" in page
    assert "September 2026 to February 2027" in page
    assert ">March 2027<" not in page and 'value="2027-03"' not in page
    csv_url = "/staff/feedback/export.csv?month=2027-03"
    assert staff_web.client.get(csv_url).status_code == 400

    frozen_now(datetime(2027, 3, 30, 23, 30))  # 00:30 on 31 March in London
    staff_web, _ = as_role("staff")  # an hour later: past the idle time-out
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    march = month_row(page, "The unit overall", "March 2027")
    assert ("Fewer than 5 responses" in march) == (answers == 4)
    assert (f'<td class="nhsuk-table__cell">{answers}</td>' in march) == (answers == 5)
    assert "Figures for April 2027 will appear on 5 May 2027" in page
    overall = csv_rows(staff_web.client.get(csv_url))["The unit overall"]
    assert overall["Total responses"] == ("5" if answers == 5 else "*")
    assert overall["Good"] == "*"  # five of one answer would say what each mother said


def test_comments_appear_only_when_a_week_brings_three_on_their_topic(
    staff_web, unit, frozen_now, as_role
):
    add_responses(unit, "unit", LAST_WEEK, ["good", "poor"], ["First words", "Second words"])
    add_responses(unit, "groups", LAST_WEEK, ["good"], ["Other topic"])
    add_responses(unit, "unit", THIS_WEEK, ["good"] * 3, ["Third", "Fourth", "Fifth"])
    page = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    assert "No comments to show yet" in page
    assert "words" not in page
    frozen_now(datetime(2027, 3, 16, 9))  # Tuesday: answers for last week may still arrive
    staff_web, _ = as_role("staff")  # days later: signed in afresh
    assert "Third" not in staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    frozen_now(datetime(2027, 3, 17, 9))
    staff_web, _ = as_role("staff")
    page = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    for text in ("First words", "Second words", "Third", "Fourth", "Fifth"):
        assert text in page
    assert "Other topic" not in page
    assert "The unit overall: 5 comments, shown from 17 March 2027" in page
    assert "8 March" not in page and "1 March" not in page
    assert "on one topic from at least 3 different mothers" in page
    # A batch's answers beside the month's report could undo its hidden counts.
    assert "Poor" not in page and "Answer" not in page


def test_hiding_a_comment_asks_first(staff_web, unit):
    rows = add_responses(unit, "unit", LAST_WEEK, ["good"] * 3, ["Jo on nights", "ok", "fine"])
    hide = f"/staff/feedback/comments/{rows[0].id}/hide"
    comments = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    assert f'href="{hide}"' in comments and f'action="{hide}"' not in comments
    asked = staff_web.client.get(hide)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Are you sure you want to hide this comment?" in page and "Jo on nights" in page
    assert "restore it from hidden comments for 30 days" in page and "No, go back" in page
    db.session.expire_all()
    assert not db.session.get(FeedbackResponse, rows[0].id).is_hidden


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


def test_a_hidden_comment_can_be_restored_for_30_days(staff_web, unit, frozen_now, as_role):
    rows = add_responses(unit, "unit", LAST_WEEK, ["good"] * 3, ["Jo on nights", "ok", "fine"])
    for row in rows[:2]:
        staff_web.post(
            f"/staff/feedback/comments/{row.id}/hide", token_page="/staff/feedback/comments"
        )
    audit_before = db.session.scalar(select(db.func.count()).select_from(AuditEvent))
    hidden = staff_web.client.get("/staff/feedback/comments/hidden").get_data(as_text=True)
    assert "Jo on nights" in hidden and "Hidden on 10 March 2027" in hidden
    restored = staff_web.post(
        f"/staff/feedback/comments/{rows[0].id}/restore",
        token_page="/staff/feedback/comments/hidden",
    )
    assert restored.status_code == 302
    assert "Jo on nights" in staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    assert db.session.scalar(select(db.func.count()).select_from(AuditEvent)) == audit_before

    frozen_now(datetime(2027, 4, 10, 12))  # 31 days after hiding: gone from the list
    staff_web, _ = as_role("staff")
    hidden = staff_web.client.get("/staff/feedback/comments/hidden").get_data(as_text=True)
    assert "No comments have been hidden in the last 30 days" in hidden
    late = staff_web.post(
        f"/staff/feedback/comments/{rows[1].id}/restore",
        token_page="/staff/feedback/comments/hidden",
    )
    assert late.status_code == 404


def test_hiding_an_unknown_or_waiting_comment_is_404(staff_web, unit):
    waiting = add_responses(unit, "unit", THIS_WEEK, ["good"] * 3, ["a", "b", "c"])[0]
    for response_id in (waiting.id, "f" * 32):
        response = staff_web.post(
            f"/staff/feedback/comments/{response_id}/hide", token_page="/staff/feedback/comments"
        )
        assert response.status_code == 404


def test_publishing_you_said_we_did_shows_a_preview_first(staff_web, unit):
    url = "/staff/feedback/you-said-we-did"
    typed = {"topic": "groups", "you_said": "Evenings felt long", "we_did": 'A "craft" group'}
    asked = staff_web.post(url, typed, token_page=url)
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200
    assert "Are you sure you want to publish this?" in page
    preview = page.split("How mothers will see it")[1].split("<form")[0]
    assert "10 March 2027" in preview and "Evenings felt long" in preview
    assert "A &#34;craft&#34; group" in preview
    assert 'name="we_did" value="A &#34;craft&#34; group"' in page
    assert db.session.scalars(select(YouSaidWeDid)).all() == []
    back = staff_web.post(url, {**typed, "confirmed": "no"}, token_page=url)
    form = back.get_data(as_text=True)
    assert back.status_code == 200 and "Are you sure" not in form
    assert "Evenings felt long</textarea>" in form  # as she typed it, to change
    assert db.session.scalars(select(YouSaidWeDid)).all() == []
    response = staff_web.post(url, {**typed, "confirmed": "yes"}, token_page=url)
    assert response.status_code == 302
    mothers_see = db.session.scalars(select(YouSaidWeDid.we_did)).one()
    assert mothers_see == 'A "craft" group'


def test_publishing_you_said_we_did(staff_web, unit):
    url = "/staff/feedback/you-said-we-did"
    response = staff_web.post(
        url,
        {
            "topic": "groups",
            "you_said": "Evenings felt long",
            "we_did": "A craft group",
            "confirmed": "yes",
        },
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


def test_each_report_table_scrolls_in_its_own_labelled_region_with_a_hint(staff_web, unit):
    page = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    regions = re.findall(r'<div class="app-table-scroll"([^>]*)>\s*<table', page)
    assert regions
    for attributes in regions:
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes
        assert 'aria-label="' in attributes
        hint = re.search(r'aria-describedby="([^"]+)"', attributes).group(1)
        assert f'id="{hint}">Scroll sideways to see more</p>' in page
