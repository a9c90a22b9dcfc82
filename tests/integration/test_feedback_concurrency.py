"""Ten copies of one answer sent at once through the real server: one is stored."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from sqlalchemy import func, select

from app.extensions import db
from app.models import FeedbackResponse, FeedbackToken
from tests.factories import Factory

pytestmark = pytest.mark.slow


def test_one_answer_per_week_holds_under_concurrent_posts(live_server, factory, unit):
    mother = factory.user(role="mother", unit=unit)
    session = requests.Session()
    page = session.get(f"{live_server.url}/sign-in").text
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)
    session.post(
        f"{live_server.url}/sign-in",
        data={"csrf_token": token, "username": mother.username, "password": Factory.PASSWORD},
    )
    page = session.get(f"{live_server.url}/feedback/give").text
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', page).group(1)

    def send(n):
        return session.post(
            f"{live_server.url}/feedback/give",
            data={"csrf_token": token, "topic": "unit", "answer": "good", "comment": f"copy {n}"},
            allow_redirects=False,
            timeout=30,
        )

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(r.status_code for r in pool.map(send, range(10)))
    assert statuses == [302] + [400] * 9
    db.session.rollback()  # end the test's own read snapshot, taken before the posts
    assert db.session.scalar(select(func.count()).select_from(FeedbackResponse)) == 1
    assert db.session.scalar(select(func.count()).select_from(FeedbackToken)) == 1
