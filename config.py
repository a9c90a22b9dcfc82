"""Configuration classes, read from environment variables.

The embedded default (``make run``) keeps everything in ``instance/``: a SQLite file,
a generated secret key and a VAPID key pair, none of which is committed. Production
(``APP_ENV=production``) refuses to start without explicit secrets and secure cookies.
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))


def _read_instance_file(name: str) -> str | None:
    path = INSTANCE_DIR / name
    return path.read_text().strip() if path.exists() else None


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY") or _read_instance_file("secret_key")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'mbu.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY") or _read_instance_file(
        "vapid_private.pem"
    )
    VAPID_PUBLIC_KEY = os.environ.get("VAPID_PUBLIC_KEY") or _read_instance_file("vapid_public.txt")
    VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:peer-support@example.nhs.uk")
    # The address people open, such as https://mbu.example.nhs.uk: links that leave the
    # app (QR codes, calendar feeds) are built on it, and Flask's TRUSTED_HOSTS is its
    # host, so a request naming any other Host gets a 400 (app/__init__.py).
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL")

    # Sessions: a signed cookie naming one sign-in's record on the server, which signing out
    # deletes (app/services/sign_in_sessions.py).
    SESSION_COOKIE_NAME = "mbu_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", 30)))
    SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=int(os.environ.get("SESSION_ABSOLUTE_HOURS", 12)))
    PERMANENT_SESSION_LIFETIME = SESSION_ABSOLUTE_TIMEOUT
    # The cookie is re-sent when the session changes (at most once a minute, see
    # app/security.py), not re-signed on every request: the time-outs are kept inside it.
    SESSION_REFRESH_EACH_REQUEST = False
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)

    MAX_CONTENT_LENGTH = 64 * 1024
    MAX_FORM_MEMORY_SIZE = 64 * 1024
    WTF_CSRF_TIME_LIMIT = None  # tied to the session, which has its own timeouts

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = False
    # Failed sign-ins allowed in the window: per device cookie, and per username from
    # browsers without one; per address, far above what a ward's shared Wi-Fi produces.
    LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
    LOGIN_FAILURE_WINDOW = timedelta(minutes=int(os.environ.get("LOGIN_FAILURE_MINUTES", 15)))
    LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", 100))
    DEVICE_COOKIE_DAYS = int(os.environ.get("DEVICE_COOKIE_DAYS", 180))

    # Compress pages and assets for phones on a weak signal (brotli, then gzip). Brotli at 5,
    # not Flask-Compress's 4: pages 7% and the stylesheet 11% smaller (25.0 KB, not 28.2),
    # for about 0.1 ms more a page and 0.6 ms more each time the stylesheet is sent.
    COMPRESS_BR_LEVEL = 5
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "deflate"]
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/manifest+json",
        "image/svg+xml",
        "text/calendar",
        "text/csv",
    ]
    ACTIVATION_CODE_DAYS = 7
    HSTS = False
    PROXY_FIX_HOPS = int(os.environ.get("PROXY_FIX_HOPS", 0))
    PUSH_ALLOW_LOCAL_RECEIVER = False
    # Push delivery (app/push/worker.py): a message waits up to 12 hours for an offline
    # phone; the worker gives up on a row after PUSH_MAX_ATTEMPTS tries.
    PUSH_TTL_SECONDS = int(os.environ.get("PUSH_TTL_SECONDS", 12 * 60 * 60))
    PUSH_TIMEOUT_SECONDS = float(os.environ.get("PUSH_TIMEOUT_SECONDS", 10))
    PUSH_MAX_ATTEMPTS = int(os.environ.get("PUSH_MAX_ATTEMPTS", 5))
    PUSH_RETRY_BASE_SECONDS = 30
    # Rows claimed per pass: the per-pass statements are shared by the whole batch.
    PUSH_BATCH_SIZE = int(os.environ.get("PUSH_BATCH_SIZE", 200))
    # Messages on their way at once: the sending threads of a worker, which share one
    # requests.Session and its keep-alive connections.
    PUSH_IN_FLIGHT = int(os.environ.get("PUSH_IN_FLIGHT", 8))
    PUSH_POLL_SECONDS = float(os.environ.get("PUSH_POLL_SECONDS", 2))
    # A claim older than this may be taken over by another worker; a pass's one deadline
    # (look-ups, encryption, sending) is well inside it, so none is sent twice.
    PUSH_CLAIM_STALE_SECONDS = 300
    PUSH_PASS_SECONDS = 60
    # A phone sends a feedback answer at a random moment this many seconds after its
    # ballot (or the next time the app is opened after that), so the two requests
    # cannot be paired by time.
    FEEDBACK_SEND_WITHIN_SECONDS = (10 * 60, 4 * 60 * 60)


class DevelopmentConfig(Config):
    """The embedded default: SQLite in instance/, served on 127.0.0.1 by make run."""

    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

    # SQLite's busy timeout; DATABASE_URL may point at PostgreSQL, which knows no such option.
    SQLALCHEMY_ENGINE_OPTIONS = (
        {"connect_args": {"timeout": 15}}
        if Config.SQLALCHEMY_DATABASE_URI.startswith("sqlite")
        else Config.SQLALCHEMY_ENGINE_OPTIONS
    )


class TestConfig(Config):
    TESTING = True
    # The test client's host; the live server in tests/conftest.py is http://localhost:<port>.
    PUBLIC_BASE_URL = "http://localhost"
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_ENABLED = True
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # noqa: S105 cheap for tests; production uses the default
    PUSH_ALLOW_LOCAL_RECEIVER = True
    FEEDBACK_SEND_WITHIN_SECONDS = (0, 0)


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    HSTS = True

    @staticmethod
    def problems(cfg) -> list[str]:
        """What makes a loaded configuration unsafe to serve; empty when it is fine."""
        found = []
        if not cfg.get("SECRET_KEY") or len(cfg["SECRET_KEY"]) < 32:
            found.append("SECRET_KEY must be set to at least 32 random characters")
        if not (cfg.get("VAPID_PRIVATE_KEY") and cfg.get("VAPID_PUBLIC_KEY")):
            found.append("VAPID_PRIVATE_KEY and VAPID_PUBLIC_KEY must be set")
        if not cfg.get("SESSION_COOKIE_SECURE"):
            found.append("SESSION_COOKIE_SECURE must be on behind HTTPS")
        if not (cfg.get("PUBLIC_BASE_URL") or "").startswith("https://"):
            found.append("PUBLIC_BASE_URL must be set to the service's https address")
        return found


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
