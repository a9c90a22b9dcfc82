"""Kept pages served before Flask's request handling (``KeptPages``): only ever the
response Flask itself would give, and only when nothing about the request could change it."""

import gzip
import re
from datetime import UTC, datetime, timedelta

import brotli
import pytest
from flask import request_started

from app import page_cache
from app.extensions import db
from app.kept_pages import KeptPages
from app.security import SEEN_REFRESH_SECONDS, timestamp
from tests.integration.test_page_cache import KEPT_PAGES

NONCE = re.compile(r"(nonce[=-]\"?)[\w-]+")
TOKEN = re.compile(r'(name="csrf_token"[^>]*?value=")[^"]+')
ENCODINGS = ["", "gzip", "br", "gzip, deflate, br, zstd"]


@pytest.fixture
def through_flask(app):
    """The addresses of the requests that reached Flask."""
    seen = []

    def note(sender, **extra):
        from flask import request

        seen.append(request.path)

    request_started.connect(note, app)
    yield seen
    request_started.disconnect(note, app)


@pytest.fixture
def noon(frozen_now):
    # One fixed minute, so a page rendered twice shows the same times.
    return frozen_now(datetime(2027, 5, 4, 11, 0, 30, tzinfo=UTC))


def served_until_before_flask(client, path, through_flask, **kwargs):
    """Ask for the page until it is answered without Flask (a visitor's first answer sets
    her cookie; the second is then noted as one that sets none)."""
    for _ in range(3):
        through_flask.clear()
        response = client.get(path, **kwargs)
        assert response.status_code == 200
        if not through_flask:
            return response
    raise AssertionError(f"{path} never answered before Flask")


def comparable(response) -> tuple[str, list]:
    body = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    html = TOKEN.sub(r"\1TOKEN", NONCE.sub(r"\1NONCE", body.decode()))
    headers = sorted(
        (name, "a date" if name == "Date" else NONCE.sub(r"\1NONCE", value))
        for name, value in response.headers.items()
        if name != "Content-Length"
    )
    return html, headers


def people_for(factory, unit):
    people = {role: factory.user(role=role, unit=unit) for role in ("mother", "peer_worker")}
    people["staff"] = factory.user(role="staff", unit=unit)
    return people


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_kept_page_answers_before_flask_exactly_as_flask_does(
    app, factory, unit, noon, through_flask, monkeypatch, encoding
):
    from tests.conftest import signed_in_client

    people = people_for(factory, unit)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    for role, path in KEPT_PAGES.values():
        path = path.format(unit=unit.slug)
        client = signed_in_client(app, people[role]) if role else app.test_client()
        client.get(path)  # a visitor's cookie is set on her first visit
        monkeypatch.setitem(app.config, "PAGE_CACHE", False)
        rendered = client.get(path, headers=headers)
        monkeypatch.setitem(app.config, "PAGE_CACHE", True)
        before_flask = served_until_before_flask(client, path, through_flask, headers=headers)
        assert before_flask.headers.get("Content-Encoding") == rendered.headers.get(
            "Content-Encoding"
        ), path
        assert comparable(before_flask) == comparable(rendered), path
        assert "Set-Cookie" not in before_flask.headers


def test_each_answer_has_its_own_nonce_and_a_working_token(app, as_role, through_flask):
    web, _ = as_role("mother")
    first = web.client.get("/me/")
    second = served_until_before_flask(web.client, "/me/", through_flask)
    nonce = NONCE.search(second.get_data(as_text=True)).group(0)
    assert nonce not in first.get_data(as_text=True)
    assert nonce.split('"')[-1] in second.headers["Content-Security-Policy"]
    token = TOKEN.search(second.get_data(as_text=True)).group(0).split('"')[-1]
    signed_out = web.client.post("/sign-out", data={"csrf_token": token})
    assert signed_out.status_code == 302  # a bad token would be refused with 400
    assert web.client.get("/me/").status_code == 302  # and she is signed out


def test_a_change_committed_elsewhere_is_shown_at_once(app, as_role, through_flask):
    web, mother = as_role("mother", display_name="Ada Example")
    served_until_before_flask(web.client, "/me/", through_flask)
    db.session.close()  # the test's own transaction would hold SQLite's lock
    with db.engine.begin() as other_host:
        other_host.exec_driver_sql(
            "UPDATE user_account SET display_name = 'Ada Renamed' WHERE id = ?"
            if db.engine.dialect.name == "sqlite"
            else "UPDATE user_account SET display_name = 'Ada Renamed' WHERE id = %s",
            (mother.id,),
        )
    through_flask.clear()
    assert "Ada Renamed" in web.client.get("/me/").get_data(as_text=True)
    assert through_flask == ["/me/"]


def test_a_closed_account_is_never_answered_from_a_kept_page(app, as_role, through_flask):
    web, mother = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    mother.active = False
    db.session.commit()
    response = web.client.get("/me/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def session_of(client, **changes):
    with client.session_transaction() as saved:
        saved.update(changes)


def test_a_session_due_its_once_a_minute_refresh_goes_to_flask(app, as_role, through_flask):
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    session_of(web.client, seen=timestamp() - SEEN_REFRESH_SECONDS - 5)
    through_flask.clear()
    response = web.client.get("/me/")
    assert through_flask == ["/me/"]
    assert "Set-Cookie" in response.headers  # "seen" moves on
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("stamp", "limit", "message"),
    [
        ("seen", "SESSION_IDLE_TIMEOUT", "were not active for a while"),
        ("started", "SESSION_ABSOLUTE_TIMEOUT", "signed in for a long time"),
    ],
)
def test_a_session_past_its_time_is_signed_out_by_flask(
    app, as_role, through_flask, stamp, limit, message
):
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    session_of(web.client, **{stamp: timestamp() - app.config[limit].total_seconds() - 5})
    response = web.client.get("/me/", follow_redirects=True)
    assert message in response.get_data(as_text=True)


def test_a_message_waiting_in_the_session_goes_to_flask(app, as_role, through_flask):
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    session_of(web.client, _flashes=[("message", "Your session is booked")])
    through_flask.clear()
    assert "Your session is booked" in web.client.get("/me/").get_data(as_text=True)
    assert through_flask == ["/me/"]


def test_a_forged_cookie_is_nobody(app, as_role, through_flask):
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    cookie = web.client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    forged = app.test_client()
    forged.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie.value[:-2] + "xx")
    response = forged.get("/me/")
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def cookie_attributes(response) -> list[str]:
    name_and_value, *attributes = response.headers["Set-Cookie"].split("; ")
    return [name_and_value.split("=")[0], *sorted(attributes)]


def test_a_first_visitor_gets_her_cookie_and_a_token_that_works(app, through_flask, monkeypatch):
    app.test_client().get("/sign-in")  # another first visitor: Flask sends and keeps it
    visitor = app.test_client()
    through_flask.clear()
    first_visit = visitor.get("/sign-in")
    assert through_flask == []
    monkeypatch.setitem(app.config, "PAGE_CACHE", False)
    from_flask = app.test_client().get("/sign-in")
    assert cookie_attributes(first_visit) == cookie_attributes(from_flask)
    token = TOKEN.search(first_visit.get_data(as_text=True)).group(0).split('"')[-1]
    refused = visitor.post(
        "/sign-in", data={"csrf_token": token, "username": "nobody", "password": "wrong-one"}
    )
    # Her token is good for the session in her new cookie: the password is what is refused.
    assert "username or password is not right" in refused.get_data(as_text=True)


def test_only_get_is_answered_before_flask(app, as_role, through_flask):
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    through_flask.clear()
    assert web.client.head("/me/").status_code == 200
    assert through_flask == ["/me/"]


def test_without_the_data_version_flask_answers(app, as_role, through_flask, monkeypatch):
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    assert isinstance(app.wsgi_app, KeptPages)

    def unreachable():
        raise OSError("database unreachable")

    through_flask.clear()
    with monkeypatch.context() as patch:
        patch.setattr(db.engine, "raw_connection", unreachable)
        web.client.get("/me/")  # the test's own session still has its connection
    assert through_flask == ["/me/"]


def test_a_new_minute_goes_to_flask(app, as_role, through_flask, frozen_now):
    moment = frozen_now(datetime(2027, 5, 4, 9, 0, 10, tzinfo=UTC))
    web, _ = as_role("mother")
    served_until_before_flask(web.client, "/me/", through_flask)
    frozen_now(moment + timedelta(minutes=1))
    through_flask.clear()
    web.client.get("/me/")
    assert through_flask == ["/me/"]
    assert len([key for key in page_cache._pages if key[1] == "/me/"]) == 2
