"""With the database unreachable, pages answer 503 with a calm message, not a 500."""

import pytest

from app import create_app
from tests.conftest import _test_config


@pytest.fixture
def app_without_database():
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1"
    return create_app({**_test_config(), "SQLALCHEMY_DATABASE_URI": unreachable})


@pytest.mark.parametrize("path", ["/units", "/units/willow-house"])
def test_pages_answer_503_when_the_database_is_down(app_without_database, path):
    response = app_without_database.test_client().get(path)
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Sorry, the service is unavailable" in page
    assert "Content-Security-Policy" in response.headers


def test_the_log_names_the_route_not_a_feed_token(app_without_database, caplog):
    response = app_without_database.test_client().get("/timetable/feed/Zq8uT0kenSecret.ics")
    assert response.status_code == 503
    assert "database unavailable on GET /timetable/feed/<token>.ics" in caplog.text
    assert "Zq8uT0kenSecret" not in caplog.text
