"""A notification's link works when she is signed out: sign-in brings her to that page."""

import pytest

from tests.conftest import csrf_token_from
from tests.factories import Factory


def test_sign_in_returns_to_the_page_a_notification_opened(client, factory, unit):
    mother = factory.user(role="mother", unit=unit)
    response = client.get("/notifications")
    assert response.status_code == 302
    sign_in_url = response.headers["Location"]
    assert sign_in_url.startswith("/sign-in?next=")

    page = client.get(sign_in_url).get_data(as_text=True)
    assert 'action="/sign-in?next=/notifications"' in page
    response = client.post(
        "/sign-in?next=%2Fnotifications",
        data={
            "csrf_token": csrf_token_from(page),
            "username": mother.username,
            "password": Factory.PASSWORD,
        },
    )
    assert response.headers["Location"] == "/notifications"


@pytest.mark.parametrize("target", ["https://evil.test/", "//evil.test/", "/\\evil.test", "x"])
def test_sign_in_never_sends_her_to_another_site(client, factory, unit, target):
    mother = factory.user(role="mother", unit=unit)
    page = client.get("/sign-in").get_data(as_text=True)
    response = client.post(
        "/sign-in",
        query_string={"next": target},
        data={
            "csrf_token": csrf_token_from(page),
            "username": mother.username,
            "password": Factory.PASSWORD,
        },
    )
    assert response.headers["Location"] == "/me/"
