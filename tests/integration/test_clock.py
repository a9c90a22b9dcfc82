"""One frozen clock for the app and the test data: nothing a test builds or the app
stores depends on the day the tests run."""

from datetime import date, datetime, timedelta

from app.services import clock
from tests.conftest import TEST_NOW, Browserless
from tests.factories import ActivityFactory, BookingFactory


def test_the_app_and_the_test_data_read_the_frozen_clock(app, factory, unit):
    mother = factory.user(role="mother", unit=unit)
    booking = BookingFactory(mother=mother)
    group = ActivityFactory(unit=unit)

    assert clock.now() == TEST_NOW
    assert mother.admitted_on == date(2027, 3, 3)  # a week before TEST_NOW
    assert booking.starts_at == TEST_NOW + timedelta(days=1)
    assert booking.created_at == booking.updated_at == TEST_NOW  # column defaults
    assert (group.starts_on, group.ends_on) == (date(2027, 3, 3), date(2027, 6, 8))
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
