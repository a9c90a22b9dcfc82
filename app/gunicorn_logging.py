"""gunicorn's access log, minus what could say who gave feedback or open someone's account.

An access log line carries the address and the time of a request. So:

- Every line has one fixed shape, whatever ``--access-logformat`` says: address, time,
  method, path (never the query string), protocol, status, bytes and milliseconds, e.g.
  ``10.0.0.8 [10/Mar/2027:12:00:00 +0000] "GET /me/ HTTP/1.1" 200 5120 12ms``. No Referer
  (the page after feedback would name /feedback/sent) and no user agent (which would tie
  a feedback request to the phone's other requests).
- Some requests write no line at all: feedback (everything under /feedback/, and a
  visitor's under /units/<unit>/feedback, so a line could never say which phone sent an
  answer, or when), account activation (its link
  carries the one-time code) and a mother's calendar feed (its path is the secret).

Used by scripts/run.sh (``--logger-class app.gunicorn_logging.FeedbackSafeLogger``);
use it in any deployment. The other logs follow suit: ``flask run``'s request lines are
off (werkzeug's logger is set to WARNING), and the app's error log names a route by its
pattern, never its path (app/errors ``route_pattern``).
"""

import re

from gunicorn.glogging import Logger

ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
UNLOGGED_PATHS = re.compile(
    r"/+(feedback|activate)(/|$)|/+timetable/+feed/|/+units/+[^/]+/+feedback(/|$)"
)


class FeedbackSafeLogger(Logger):
    def setup(self, cfg):
        cfg.set("access_log_format", ACCESS_LOG_FORMAT)
        super().setup(cfg)

    def access(self, resp, req, environ, request_time):
        if UNLOGGED_PATHS.match(environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)
