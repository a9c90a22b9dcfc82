"""gunicorn's access log, minus the requests that would say who gave feedback.

An access log line carries the address, the time and the browser of every request, so a
line for POST /feedback/give would say which phone sent feedback and when. Requests
under /feedback/ are therefore never written to the access log. Used by scripts/run.sh
(``--logger-class app.gunicorn_logging.FeedbackSafeLogger``); use it in any deployment.
"""

from gunicorn.glogging import Logger

UNLOGGED_PREFIXES = ("/feedback/",)


class FeedbackSafeLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "").startswith(UNLOGGED_PREFIXES):
            return
        super().access(resp, req, environ, request_time)
