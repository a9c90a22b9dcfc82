"""Capacity holds under concurrency, through the real server: 20 mothers press "Sign up"
at once for the last 6 places and exactly 6 get one; nobody sees an error page."""

import re
import threading
from datetime import timedelta

import requests
from sqlalchemy import func, select

from app.extensions import db
from app.models import SignUp
from app.security import timestamp
from app.services import clock
from app.services.sign_in_sessions import open_session
from tests.factories import ActivityFactory, SignUpFactory

CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


def session_cookie(app, user) -> str:
    """A signed-in session for ``user``, as the sign-in page would make it (20 scrypt
    sign-ins would also trip the sign-in rate limit)."""
    now = timestamp()
    open_session(user)
    db.session.commit()
    data = {"_user_id": user.get_id(), "_fresh": True, "started": now, "seen": now}
    return app.session_interface.get_signing_serializer(app).dumps(data)


def test_twenty_concurrent_sign_ups_for_the_last_six_places_give_exactly_six(
    app, factory, unit, live_server
):
    leader = factory.user(role="peer_worker", unit=unit)
    today = clock.local_today(unit)
    day = today + timedelta(days=3)
    activity = ActivityFactory(
        unit=unit, leader=leader, capacity=10, starts_on=today, ends_on=day + timedelta(days=7)
    )
    for seat in range(1, 5):  # 4 of 10 places taken: 6 left
        SignUpFactory(
            activity=activity, on_date=day, mother=factory.user(role="mother", unit=unit), seat=seat
        )
    mothers = [factory.user(role="mother", unit=unit) for _ in range(20)]
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    clients = []
    for mother in mothers:
        cookie = session_cookie(app, mother)
        page = requests.get(
            f"{live_server.url}/timetable/", cookies={cookie_name: cookie}, timeout=30
        )
        assert page.status_code == 200 and "Sign up" in page.text
        # The page put a CSRF secret in the session: keep the cookie it sent back.
        cookie = page.cookies.get(cookie_name, cookie)
        clients.append(({cookie_name: cookie}, CSRF.search(page.text).group(1)))

    sign_up_url = f"{live_server.url}/timetable/{activity.id}/{day.isoformat()}/sign-up"
    db.session.commit()  # the test's own connection must hold no lock while the server works
    start = threading.Barrier(len(clients))
    results = []

    def press_sign_up(cookies, token):
        start.wait()
        try:
            response = requests.post(
                sign_up_url,
                data={"csrf_token": token},
                cookies=cookies,
                allow_redirects=False,
                timeout=60,
            )
            if response.status_code == 302:  # read the answer flashed on the timetable
                cookies = {cookie_name: response.cookies.get(cookie_name, cookies[cookie_name])}
                response = requests.get(
                    live_server.url + response.headers["Location"], cookies=cookies, timeout=60
                )
        except requests.RequestException as failed:
            results.append((None, repr(failed)))
        else:
            results.append((response.status_code, response.text))

    threads = [threading.Thread(target=press_sign_up, args=c) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(results) == 20, f"{len(results)} of 20 answered"
    assert {status for status, _ in results} == {200}, [
        r[1][:300] for r in results if r[0] != 200
    ]  # redirected to the timetable, no 500
    got_place = sum("You have a place at Baby massage." in text for _, text in results)
    told_full = sum("Sorry, this group is full" in text for _, text in results)
    assert (got_place, told_full) == (6, 14)
    db.session.expire_all()
    seats = db.session.scalars(select(SignUp.seat).where(SignUp.on_date == day)).all()
    assert sorted(seats) == list(range(1, 11))
    assert db.session.scalar(select(func.count()).select_from(SignUp)) == 10
