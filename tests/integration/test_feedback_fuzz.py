"""Whatever is posted to the feedback forms, the answer is a page, never a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.extensions import db
from app.models import FeedbackResponse


@pytest.fixture
def mother_web(as_role):
    return as_role("mother")[0]  # signed in once: examples share the session


@pytest.fixture
def staff_web(as_role):
    return as_role("staff")[0]


anything = st.one_of(st.text(max_size=1200), st.sampled_from(["unit", "good", "", "dont_know"]))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(topic=anything, answer=anything, comment=anything)
def test_the_feedback_form_never_fails(mother_web, topic, answer, comment):
    web = mother_web
    before = db.session.scalar(select(func.count()).select_from(FeedbackResponse))
    response = web.post(
        "/feedback/give",
        {"topic": topic, "answer": answer, "comment": comment},
        token_page="/feedback/give",
    )
    assert response.status_code in (302, 400)
    after = db.session.scalar(select(func.count()).select_from(FeedbackResponse))
    assert after == before + (1 if response.status_code == 302 else 0)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(topic=anything, you_said=anything, we_did=anything)
def test_the_you_said_we_did_form_never_fails(staff_web, topic, you_said, we_did):
    web = staff_web
    url = "/staff/feedback/you-said-we-did"
    response = web.post(
        url, {"topic": topic, "you_said": you_said, "we_did": we_did}, token_page=url
    )
    assert response.status_code in (200, 400)  # the preview that asks first, or a message
    confirmed = web.post(
        url,
        {"topic": topic, "you_said": you_said, "we_did": we_did, "confirmed": "yes"},
        token_page=url,
    )
    assert confirmed.status_code in (302, 400)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
ballot_fields = st.sampled_from(["unit", "topic", "week", "token", "signature", "answer"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=json_values | st.dictionaries(ballot_fields, json_values))
def test_whatever_reaches_the_anonymous_answers_it_is_refused_plainly(app, body):
    response = app.test_client().post("/feedback/answers", json=body)
    assert response.status_code == 400 and "error" in response.get_json()
    assert db.session.scalar(select(func.count()).select_from(FeedbackResponse)) == 0


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=json_values | st.dictionaries(st.sampled_from(["topic", "week", "blinded"]), json_values)
)
def test_whatever_a_phone_sends_for_a_ballot_it_is_refused_plainly(mother_web, body):
    token = mother_web.token("/feedback/give")
    for url in ("/feedback/ballot/open", "/feedback/ballot"):
        response = mother_web.client.post(url, json=body, headers={"X-CSRFToken": token})
        assert response.status_code == 400 and "error" in response.get_json()
