"""One frozen clock for the app and the test data: nothing a test builds or the app
stores depends on the day the tests run."""

from datetime import date, datetime, timedelta

from app.services import clock
from tests.conftest import TEST_NOW, Browserless
from tests.sessions_support import booked


def test_the_app_and_the_test_data_read_the_frozen_clock(app, factory, unit):
    mother = factory.user(role="mother", unit=unit)
    peer = factory.user(role="peer_worker", unit=unit)
    booking = booked(mother, peer, TEST_NOW + timedelta(days=1))

    assert clock.now() == TEST_NOW
    assert mother.admitted_on == date(2027, 3, 3)  # a week before TEST_NOW
    assert booking.created_at == booking.updated_at == TEST_NOW  # column defaults
    client = app.test_client()
    Browserless(client).sign_in(mother.username)
    with client.session_transaction() as session:
        assert session["started"] == session["seen"] == int(TEST_NOW.timestamp())


def test_a_test_can_move_the_clock(factory, unit, frozen_now):
    sunday = frozen_now(datetime(2027, 1, 3, 23, 30))
    mother = factory.user(role="mother", unit=unit)
    assert clock.local_today(unit) == date(2027, 1, 3)
    assert mother.created_at == sunday
    assert mother.admitted_on == date(2026, 12, 27)
