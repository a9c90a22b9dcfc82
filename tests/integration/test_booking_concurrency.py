"""50 mothers press "Confirm booking" for one slot at the same moment, through the real
server: exactly one booking, 49 clear "just taken" answers, no 500. Runs on SQLite and,
with TEST_DATABASE_URL, on PostgreSQL."""

import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, date, datetime
from http.cookiejar import CookieJar

from sqlalchemy import func, select

from app.extensions import db, limiter
from app.models import Activity, Booking, BookingCell, Notification
from tests.conftest import CSRF_PATTERN
from tests.factories import Factory
from tests.sessions_support import weekly

ATTEMPTS = 50
NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)
DAY_URL = "/me/sessions/book/2027-05-04"
SLOT = "2027-05-04T09:00:00+00:00"
TAKEN = "That time was just taken. Choose another time."


class Phone:
    """One mother's browser: its own cookies, talking to the live server over HTTP."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect()
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path):
        return CSRF_PATTERN.search(self.request(path)[1]).group(1)

    def sign_in(self, username):
        data = {"csrf_token": self.token("/sign-in"), "username": username}
        status, _ = self.request("/sign-in", {**data, "password": Factory.PASSWORD})
        assert status == 302


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_fifty_concurrent_attempts_give_one_booking(app, factory, unit, live_server, frozen_now):
    frozen_now(NOW)
    peer = factory.user("peer_worker", unit)
    weekly(peer, 1, "10:00", "11:00")
    phones, tokens = [], []
    for n in range(ATTEMPTS):
        mother = factory.user("mother", unit, admitted_on=date(2027, 4, 1))
        phone = Phone(live_server.url)
        if n % 10 == 0:
            limiter.reset()  # sign-in is rate limited per address; all 50 come from 127.0.0.1
        phone.sign_in(mother.username)
        db.session.rollback()  # the server wrote her session: read after it, not before
        phones.append(phone)
        tokens.append(phone.token(DAY_URL))
    peer_id = str(peer.id)
    db.session.remove()  # nothing held open by the test while the server writes

    results = [None] * ATTEMPTS
    start = threading.Barrier(ATTEMPTS)

    def attempt(i):
        data = {
            "csrf_token": tokens[i],
            "with_whom": peer_id,
            "starts_at": SLOT,
            "baby_care": "with_me",
        }
        start.wait()
        results[i] = phones[i].request(DAY_URL, data)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    statuses = [status for status, _ in results]
    assert statuses.count(302) == 1, statuses
    assert statuses.count(400) == ATTEMPTS - 1, statuses
    assert all(TAKEN in body for status, body in results if status == 400)
    assert db.session.scalar(select(func.count()).select_from(Booking)) == 1
    assert db.session.scalar(select(func.count()).select_from(BookingCell)) == 8
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 1


def test_a_booking_and_a_group_over_it_at_the_same_moment_never_both_stand(
    app, factory, unit, live_server, frozen_now
):
    """Each round a mother books Tuesday at an hour while staff create a one-off group at
    that hour led by the same peer worker: one of the two is saved, the other refused."""
    frozen_now(NOW)
    peer = factory.user("peer_worker", unit, display_name="Priya")
    weekly(peer, 1, "09:00", "17:00")
    staff, mother = factory.user("staff", unit), factory.user("mother", unit)
    desk, phone = Phone(live_server.url), Phone(live_server.url)
    desk.sign_in(staff.username)
    phone.sign_in(mother.username)
    db.session.rollback()
    peer_id = str(peer.id)
    db.session.remove()

    rounds = range(9, 17)
    for hour in rounds:
        slot = datetime(2027, 5, 4, hour - 1, tzinfo=UTC).isoformat()  # BST: hour:00 local
        booking = {
            "csrf_token": phone.token(DAY_URL),
            "with_whom": peer_id,
            "starts_at": slot,
            "baby_care": "with_me",
        }
        group = {
            "csrf_token": desk.token("/timetable/groups/new"),
            "title": f"Group at {hour}",
            "room": "Day room",
            "leader_id": peer_id,
            "repeats": "once",
            "start_time": f"{hour:02d}:00",
            "end_time": f"{hour:02d}:45",
            "starts_on-day": "4",
            "starts_on-month": "5",
            "starts_on-year": "2027",
        }
        start = threading.Barrier(2)
        answers = {}

        def send(name, who, path, data, start=start, answers=answers):
            start.wait()
            answers[name] = who.request(path, data)

        threads = [
            threading.Thread(target=send, args=("booking", phone, DAY_URL, booking)),
            threading.Thread(target=send, args=("group", desk, "/timetable/groups/new", group)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = sorted(status for status, _ in answers.values())
        assert statuses == [302, 400], answers
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Booking)) + db.session.scalar(
        select(func.count()).select_from(Activity)
    ) == len(rounds)
