"""Application factory: one Flask app for every shape the service runs in."""

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, abort, request
from flask.json.provider import DefaultJSONProvider
from jinja2 import ChainableUndefined, ChoiceLoader, FileSystemLoader, PackageLoader
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from config import CONFIGS, INSTANCE_DIR, ProductionConfig

ROOT = Path(__file__).resolve().parent.parent


class UnsafeConfiguration(RuntimeError):
    pass


def refuse_nul_in_path():
    """PostgreSQL text cannot hold NUL: a path with one is a 404 before any query."""
    if "\x00" in request.path:
        abort(404)


class DatabaseId(IntegerConverter):
    """``<int:...>`` within a PostgreSQL INTEGER, so a larger id is a 404 before any view."""

    def __init__(self, url_map, **kwargs):
        from app.forms import MAX_ID

        super().__init__(url_map, **{"max": MAX_ID, **kwargs})


class JSONProvider(DefaultJSONProvider):
    def loads(self, s, **kwargs):
        """JSON nested too deeply to parse is unreadable JSON: a 400, like any other."""
        try:
            return super().loads(s, **kwargs)
        except RecursionError as exc:
            raise ValueError("JSON nested too deeply") from exc


class PeerSupportApp(Flask):
    json_provider_class = JSONProvider

    def send_static_file(self, filename: str):
        """Static files are small: read them whole, so they are compressed like pages
        (with a Content-Length and ETag) and their file is closed at once."""
        response = super().send_static_file(filename)
        if response.direct_passthrough:
            response.direct_passthrough = False
            response.make_sequence()
        return response

    def log_exception(self, exc_info) -> None:
        """Log the route's pattern, not the path, which can hold a calendar feed's token."""
        from app.errors import route_pattern

        self.logger.error(
            "Exception on %s [%s]", route_pattern(), request.method, exc_info=exc_info
        )


def create_app(config=None) -> Flask:
    """Build the app. ``config`` is a config class, a name ("test"), or a dict of overrides."""
    app = PeerSupportApp(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    load_config(app, config)
    configure_templates(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_request_hooks(app)
    register_commands(app)
    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def load_config(app: Flask, config) -> None:
    overrides = {}
    if isinstance(config, dict):
        overrides, config = config, None
    if config is None:
        config = os.environ.get("APP_ENV", "development")
    if isinstance(config, str):
        config = CONFIGS[config]
    app.config.from_object(config)
    app.config.update(overrides)
    if config is ProductionConfig or app.config.get("ENV_NAME") == "production":
        problems = ProductionConfig.problems(app.config)
        if problems:
            raise UnsafeConfiguration("Refusing to start: " + "; ".join(problems))
    if not app.config.get("SECRET_KEY"):
        raise UnsafeConfiguration(
            "No SECRET_KEY: run `make run` once (it writes instance/secret_key) or set it"
        )
    trust_public_address_only(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )


def trust_public_address_only(app: Flask) -> None:
    """PUBLIC_BASE_URL is the one public address: only its host is trusted in the Host
    header (Flask answers 400 to any other), and it is kept as a bare origin for the
    links in app/public_address.py."""
    address = urlsplit(app.config.get("PUBLIC_BASE_URL") or "")
    if (
        address.scheme not in {"http", "https"}
        or not address.hostname
        or address.username is not None
        or address.path.strip("/")
        or address.query
    ):
        raise UnsafeConfiguration(
            "PUBLIC_BASE_URL must be the address people open, such as https://mbu.example.nhs.uk"
        )
    app.config["PUBLIC_BASE_URL"] = f"{address.scheme}://{address.netloc.lower()}"
    app.config["TRUSTED_HOSTS"] = [address.hostname]


def configure_templates(app: Flask) -> None:
    app.jinja_options = {
        "undefined": ChainableUndefined,
        "loader": ChoiceLoader(
            [FileSystemLoader(str(ROOT / "templates")), PackageLoader("nhsuk_frontend_jinja")]
        ),
        "autoescape": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    from app import template_helpers

    template_helpers.register(app)


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  registers every table
    from app.extensions import compress, csrf, db, limiter, login_manager, migrate
    from app.sqlite_setup import configure_sqlite

    # Never write SQL parameters (feedback text, who is signed in) into logs or errors.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
        "hide_parameters": True,
    }
    db.init_app(app)
    with app.app_context():
        configure_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to see this page."
    login_manager.session_protection = None  # the rotating per-user token does this job

    from app.auth.loader import load_user

    login_manager.user_loader(load_user)


def register_blueprints(app: Flask) -> None:
    app.url_map.converters["int"] = DatabaseId
    from app.auth import bp as auth_bp
    from app.availability import bp as availability_bp
    from app.bookings import bp as bookings_bp
    from app.caseload import bp as caseload_bp
    from app.feedback import answers_bp as feedback_answers_bp
    from app.feedback import bp as feedback_bp
    from app.feedback import staff_bp as feedback_staff_bp
    from app.going_home import bp as going_home_bp
    from app.peer_support import bp as peer_support_bp
    from app.push import bp as push_bp
    from app.pwa import bp as pwa_bp
    from app.staff import bp as staff_bp
    from app.supervision import bp as supervision_bp
    from app.timetable import bp as timetable_bp
    from app.visitors import bp as visitors_bp
    from app.voice import bp as voice_bp

    for bp in (
        auth_bp, staff_bp, visitors_bp, bookings_bp, caseload_bp, availability_bp,
        timetable_bp, feedback_bp, feedback_staff_bp, feedback_answers_bp, push_bp, pwa_bp,
        peer_support_bp,
        voice_bp,
        supervision_bp,
        going_home_bp,
    ):  # fmt: skip
        app.register_blueprint(bp)


def register_error_handlers(app: Flask) -> None:
    from app.errors import register

    register(app)


def register_request_hooks(app: Flask) -> None:
    from app.auth.two_step import require_enrolment
    from app.security import enforce_session_timeouts, set_security_headers

    app.before_request(refuse_nul_in_path)
    app.before_request(enforce_session_timeouts)
    app.before_request(require_enrolment)
    app.after_request(set_security_headers)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def register_commands(app: Flask) -> None:
    from app.cli import register

    register(app)
