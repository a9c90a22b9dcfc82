"""The access log keeps ordinary requests and never writes a feedback request."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from app.gunicorn_logging import FeedbackSafeLogger


@pytest.fixture
def access_log(caplog):
    config = Config()
    config.set("accesslog", "-")
    logger = FeedbackSafeLogger(config)
    logger.access_log.propagate = True
    caplog.set_level(logging.DEBUG, logger="gunicorn.access")

    def request(path: str, method: str = "POST"):
        environ = {
            "PATH_INFO": path,
            "RAW_URI": path,
            "REQUEST_METHOD": method,
            "REMOTE_ADDR": "10.0.0.8",
            "HTTP_USER_AGENT": "Phone",
            "QUERY_STRING": "",
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        response = SimpleNamespace(status="302 FOUND", headers=[], sent=0, response_length=0)
        req = SimpleNamespace(headers=[], method=method, path=path, query="", version=(1, 1))
        logger.access(response, req, environ, timedelta(milliseconds=5))

    return request


def test_ordinary_requests_are_logged(access_log, caplog):
    access_log("/me/", "GET")
    assert "10.0.0.8" in caplog.text and "/me/" in caplog.text


def test_feedback_requests_are_not_logged(access_log, caplog):
    access_log("/feedback/give")
    access_log("/feedback/", "GET")
    assert "10.0.0.8" not in caplog.text and "/feedback" not in caplog.text
