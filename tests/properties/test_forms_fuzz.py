"""Property-based: generated input posted to every form, as every kind of visitor, never
gets a 500, and a rejected request (4xx) stores nothing."""

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import AuditEvent, Base
from tests.conftest import Browserless, signed_in_client
from tests.integration.access import VISITORS, all_routes

POST_ROUTES = sorted(
    {(r.endpoint, r.url) for r in all_routes() if r.method == "POST"}, key=lambda r: r[1]
)
FIELD_NAMES = [
    "username",
    "password",
    "confirm",
    "code",
    "role",
    "display_name",
    "contracted_hours",
    "require_staff_mfa",
    "topic",
    "answer",
    "text",
    "starts_at",
    "slot",
    "peer_worker_id",
    "reason",
    "title",
    "capacity",
    "weekday",
    "start_time",
    "end_time",
    "note",
    "contact",
    "day",
    "body",
    "to_mothers",
    "to_visitors",
    *(
        f"{date}-{box}"
        for date in [
            "admitted_on",
            "discharged_on",
            "support_until",
            "starts_on",
            "ends_on",
            "met_on",
            "leave-first_day",
        ]
        for box in ["day", "month", "year"]
    ),
    "kind",
    "met_on",
    "line_manager",
    "leave-kind",
    "leave-starts",
    "leave-ends",
    "comment",
    "name",
    "description",
    "phone",
    "link",
    "direction",
    "family_rooms",
]
nasty_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "9" * 30,
            "2026-02-31",
            "1900-01-01",
            "31",
            "feb",
            "2026",
            "9999-12-31",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "\x00",
            "\u202e",
            "mother",
            "staff",
            "peer_worker",
            "yes",
            "no",
            "very_good",
            "x" * 5000,
        ]
    ),
)
form_data = st.dictionaries(st.sampled_from(FIELD_NAMES), nasty_text, max_size=8)


def _row_counts():
    counts = {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in Base.metadata.sorted_tables
    }
    # A page shown again with its error still records who read what on it (a mother's
    # point, a number to ring): a read, not a change.
    counts["audit_event"] = db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action.not_like("%_viewed"))
    )
    return counts


@pytest.fixture
def clients(app, world):
    web = {"anonymous": Browserless(app.test_client())}
    for visitor in VISITORS[1:]:
        user = world["other_staff"] if visitor == "other_unit" else world[visitor]
        web[visitor] = Browserless(signed_in_client(app, user))
    tokens = {v: w.token("/sign-in" if v == "anonymous" else "/account") for v, w in web.items()}
    return world, web, tokens


@pytest.mark.parametrize("endpoint, url", POST_ROUTES, ids=[e for e, _ in POST_ROUTES])
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=form_data, visitor=st.sampled_from(VISITORS))
def test_generated_form_input_never_breaks_a_page(clients, endpoint, url, data, visitor):
    world, web, tokens = clients
    if endpoint == "auth.sign_out":
        return  # would end the session the other examples use
    before = _row_counts()
    response = web[visitor].client.post(
        url.format(**world), data={"csrf_token": tokens[visitor], **data}
    )
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if 400 <= response.status_code < 500:
        db.session.rollback()
        after = _row_counts()
        # Refused sign-ins and codes are counted, on purpose, to slow down guessing.
        after.pop("login_failure", None), before.pop("login_failure", None)
        assert after == before


PATH_ROUTES = sorted(
    (rule.rule, method)
    for rule in create_app("test").url_map.iter_rules()
    if rule.arguments and rule.endpoint != "static"
    for method in rule.methods - {"HEAD", "OPTIONS"}
)
any_id = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from([0, 2**31, 2**63, 10**20])
)
path_text = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=40),
    st.sampled_from(["2026-02-31", "9999-12-31", "0001-01-01", "99999999-01-01", "9" * 30]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(route=st.sampled_from(PATH_ROUTES), values=st.data(), visitor=st.sampled_from(VISITORS))
def test_generated_path_parameters_never_break_a_page(clients, route, values, visitor):
    """One world for every route (building it per route cost a minute): the routes are
    drawn like the values."""
    _world, web, tokens = clients
    rule, method = route

    def fill(match):
        converter, name = match.groups()
        value = values.draw(any_id if converter == "int" else path_text, label=name)
        return quote(str(value), safe="")

    url = re.sub(r"<(?:(\w+):)?(\w+)>", fill, rule)
    if method == "GET":
        response = web[visitor].client.get(url)
    else:
        response = web[visitor].client.post(url, data={"csrf_token": tokens[visitor]})
    assert response.status_code < 500, (url, response.get_data(as_text=True)[:500])


DATE_ROUTES = [
    (rule, method)
    for rule, method in PATH_ROUTES
    if method == "GET" and re.search(r"<(?:string:)?\w+>", rule) and "<int:" not in rule
]
EDGE_DATES = ["9999-12-31", "9999-12-25", "0001-01-01", "0001-01-07"]


@pytest.mark.parametrize("rule, method", DATE_ROUTES, ids=[r for r, _ in DATE_ROUTES])
def test_dates_at_the_ends_of_the_calendar_never_break_a_page(clients, rule, method):
    """Every date-shaped path value at the first and last weeks a date can hold, for every
    visitor: a day after or a week before them does not exist, and must be a 404, not a 500."""
    _world, web, _tokens = clients
    for value in EDGE_DATES:
        url = re.sub(r"<(?:string:)?\w+>", value, rule)
        for visitor in VISITORS:
            response = web[visitor].client.get(url)
            assert response.status_code < 500, (url, visitor)
