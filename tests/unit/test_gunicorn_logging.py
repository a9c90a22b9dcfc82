"""The access log keeps a plain line for ordinary requests and none for secret ones."""

import logging
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from app.gunicorn_logging import FeedbackSafeLogger

LINE = re.compile(r'10\.0\.0\.8 \[[^]]+\] "(GET|POST) \S+ HTTP/1\.1" 200 512 5ms')


@pytest.fixture
def access_log(caplog):
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", '%(h)s "%(r)s" "%(f)s" "%(a)s" %(q)s')  # a leaky one
    logger = FeedbackSafeLogger(config)
    logger.access_log.propagate = True
    caplog.set_level(logging.DEBUG, logger="gunicorn.access")

    def request(path: str, method: str = "GET", query: str = ""):
        uri = f"{path}?{query}" if query else path
        environ = {
            "PATH_INFO": path,
            "RAW_URI": uri,
            "QUERY_STRING": query,
            "REQUEST_METHOD": method,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "10.0.0.8",
            "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) HeadlessChrome/126",
            "HTTP_REFERER": "http://127.0.0.1:8200/feedback/sent",
        }
        headers = [
            ("User-Agent", environ["HTTP_USER_AGENT"]),
            ("Referer", environ["HTTP_REFERER"]),
        ]
        req = SimpleNamespace(headers=headers, method=method, path=path, query=query)
        response = SimpleNamespace(status="200 OK", headers=[], sent=512)
        logger.access(response, req, environ, timedelta(milliseconds=5))
        return [r.getMessage() for r in caplog.records if r.name == "gunicorn.access"]

    return request


def test_an_ordinary_request_is_one_plain_line(access_log):
    [line] = access_log("/help", query="next=%2Fme%2F")
    assert LINE.fullmatch(line), line
    assert '"GET /help HTTP/1.1"' in line


@pytest.mark.parametrize("leak", ["next=", "Mozilla", "HeadlessChrome", "/feedback/sent", '"-"'])
def test_no_query_string_user_agent_or_referer(access_log, leak):
    [line] = access_log("/timetable/", query="next=%2Fme%2F")
    assert leak not in line


@pytest.mark.parametrize(
    ("path", "method", "query"),
    [
        ("/feedback/", "GET", ""),
        ("/feedback", "GET", ""),
        ("/feedback/give", "POST", ""),
        ("/feedback/sent", "GET", ""),
        ("/feedback/answers", "POST", ""),
        ("//feedback/answers", "POST", ""),
        ("/activate", "GET", "code=ABCD-EFGH"),
        ("/activate", "POST", ""),
        ("/timetable/feed/Zq8uT0kenSecret.ics", "GET", ""),
        ("/units/willow-house/feedback", "POST", ""),
        ("/units/willow-house/feedback/sent", "GET", ""),
        ("//units//willow-house/feedback", "GET", ""),
    ],
)
def test_feedback_activation_and_calendar_feeds_write_no_line(access_log, path, method, query):
    assert access_log(path, method, query) == []


@pytest.mark.parametrize(
    "path", ["/staff/feedback/", "/timetable/calendar", "/activated-help", "/units/willow-house"]
)
def test_neighbouring_pages_are_still_logged(access_log, path):
    [line] = access_log(path)
    assert LINE.fullmatch(line), line
