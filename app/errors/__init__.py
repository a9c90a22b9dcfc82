"""Error pages in the NHS style, for every status the app can answer with."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from app.extensions import db

MESSAGES = {
    400: ("Sorry, there is a problem with that request", ["Go back and try again."]),
    403: (
        "You do not have permission to see this page",
        ["If you think you should, ask a member of staff."],
    ),
    404: (
        "Page not found",
        [
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ],
    ),
    405: ("Sorry, there is a problem with that request", ["Go back and try again."]),
    413: ("That was too much to send", ["Send a shorter message and try again."]),
    429: ("Too many attempts", ["Wait a few minutes, then try again."]),
    500: ("Sorry, there is a problem with the service", ["Try again later."]),
    503: (
        "Sorry, the service is unavailable",
        ["Try again in a few minutes. Pages you have opened before may still work."],
    ),
}


def route_pattern() -> str:
    """What a log may say about the request: the route (/timetable/feed/<token>.ics), never
    the path or query string, which can carry a feed token or an activation code."""
    return request.url_rule.rule if request.url_rule else "(no route)"


def render_error(status: int, title: str | None = None, paragraphs: list[str] | None = None):
    default_title, default_paragraphs = MESSAGES.get(status, MESSAGES[500])
    try:
        return render_template(
            "errors/error.html",
            title=title or default_title,
            paragraphs=paragraphs or default_paragraphs,
        ), status
    except Exception:  # the template itself needs the database (current_user)
        return f"<!doctype html><title>{default_title}</title><h1>{default_title}</h1>", status


def register(app: Flask) -> None:
    def handle_http(error):
        return render_error(error.code)

    for status in (400, 403, 404, 405, 413, 429):
        app.register_error_handler(status, handle_http)

    @app.errorhandler(CSRFError)
    def handle_csrf(error):
        return render_error(
            400,
            "Your form could not be sent",
            [
                "This can happen if a page was open for a long time. Go back, refresh the page and try again."
            ],
        )

    @app.errorhandler(OperationalError)
    def handle_database_down(error):
        db.session.rollback()
        app.logger.error("database unavailable on %s %s", request.method, route_pattern())
        return render_error(503)

    @app.errorhandler(500)
    def handle_server_error(error):
        db.session.rollback()
        return render_error(500)
