"""Two hosts, one truth: two gunicorn instances of the app on two ports, over one fresh
PostgreSQL database, behave as one service. A booking race split across them gives one
booking; a session signed in on one host works on the other (and signing out on one ends
it on both); failed sign-ins on both hosts count together.

PostgreSQL only: the embedded SQLite default runs on one machine by design.
scripts/test.sh (``make test``) runs the suite again on a throwaway PostgreSQL, so CI runs
these tests."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Booking, BookingCell, Notification
from app.services.sign_in import GENERIC_FAILURE, THROTTLED
from tests.conftest import POSTGRES_URL, csrf_token_from
from tests.factories import Factory, UserFactory
from tests.scale.hosts import Phone, fresh_database, running_hosts
from tests.scale.slots import slot_tomorrow

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL,
    reason="two app hosts share one PostgreSQL database: set TEST_DATABASE_URL "
    "(scripts/test.sh does) to run them",
)

PER_HOST = 25
TAKEN = "That time was just taken. Choose another time."


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """Hosts A and B over one fresh migrated PostgreSQL database, for the whole module."""
    tmp_path = tmp_path_factory.mktemp("two-hosts")
    with fresh_database(tmp_path) as (url, app), running_hosts(url, tmp_path) as hosts:
        yield app, hosts


def _count(model) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model))


def test_a_booking_race_across_both_hosts_gives_one_booking(service):
    _app, (host_a, host_b) = service
    factory = Factory()
    unit = factory.unit()
    peer = factory.user("peer_worker", unit)
    day_path, slot = slot_tomorrow(peer)
    mothers = [
        factory.user("mother", unit, admitted_on=date(2026, 1, 1)) for _ in range(2 * PER_HOST)
    ]
    form = {"with_whom": str(peer.id), "starts_at": slot, "baby_care": "with_me"}
    phones, tokens, hosts = [], [], []
    for n, mother in enumerate(mothers):
        host = (host_a, host_b)[n % 2]
        phone = Phone(f"10.7.{n // 200}.{n % 200 + 1}")
        assert phone.sign_in(host.url, mother.username)[0] == 302
        phones.append(phone)
        hosts.append(host)
        tokens.append(phone.token(host.url + day_path))
    db.session.remove()

    results = [None] * len(phones)
    start = threading.Barrier(len(phones))

    def attempt(i):
        start.wait()
        results[i] = phones[i].request(hosts[i].url + day_path, {**form, "csrf_token": tokens[i]})

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(phones))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = [status for status, _ in results]
    assert 500 not in statuses
    assert statuses.count(302) == 1, statuses
    assert statuses.count(400) == len(phones) - 1, statuses
    assert all(TAKEN in page for status, page in results if status == 400)
    assert _count(Booking) == 1
    assert _count(BookingCell) == 8
    assert _count(Notification) == 1


def test_a_session_from_one_host_works_on_the_other(service):
    _app, (host_a, host_b) = service
    mother = UserFactory()
    username = mother.username
    db.session.remove()
    phone = Phone("192.0.2.10")
    assert phone.sign_in(host_a.url, username)[0] == 302

    status, page = phone.request(host_b.url + "/me/")
    assert status == 200, page[:500]
    assert "Sign out" in page

    copy = Phone("192.0.2.10")
    for cookie in phone.jar:
        copy.jar.set_cookie(cookie)
    status, page = phone.request(host_b.url + "/account")
    token = csrf_token_from(page)
    assert phone.request(host_b.url + "/sign-out", {"csrf_token": token})[0] == 302
    status, _ = copy.request(host_a.url + "/me/")
    assert status == 302, "signing out on host B ends the same session on host A"


def test_failed_sign_ins_on_both_hosts_count_together(service):
    app, (host_a, host_b) = service
    limit = app.config["LOGIN_FAILURE_LIMIT"]
    assert limit == 5  # both hosts run with the default limit
    mother = UserFactory()
    username = mother.username
    db.session.remove()
    phone = Phone("203.0.113.50")

    for n in range(limit):  # 3 on host A and 2 on host B: neither host alone reaches 5
        status, page = phone.sign_in((host_a, host_b)[n % 2].url, username, "wrong password")
        assert status == 400 and GENERIC_FAILURE in page

    for host in (host_a, host_b):
        status, page = phone.sign_in(host.url, username)  # the right password, too late
        assert status == 400
        assert THROTTLED in page
