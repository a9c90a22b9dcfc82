"""Template globals and filters: CSP nonce, page header and footer, favicon, local dates and
times."""

from datetime import date, datetime
from pathlib import Path
from urllib.parse import quote

from flask import Flask
from flask_login import current_user

from app import fragments
from app.page_chrome import page_footer, page_header
from app.security import csp_nonce, idle_seconds_left


def local_time(value: datetime, tz=None) -> str:
    tz = tz or (current_user.unit.tz if current_user.is_authenticated else None)
    return value.astimezone(tz).strftime("%H:%M")


def local_date(value: date | datetime, tz=None) -> str:
    if isinstance(value, datetime):
        tz = tz or (current_user.unit.tz if current_user.is_authenticated else None)
        value = value.astimezone(tz).date()
    return value.strftime("%A %-d %B %Y")


def short_date(value: date) -> str:
    return value.strftime("%-d %B %Y")


def svg_data_uri(path: Path) -> str:
    """An SVG file as a data: URI, for an icon that then costs the page no request (the
    CSP's img-src allows data:). Quotes and brackets are percent-encoded: none to escape."""
    svg = path.read_text(encoding="utf-8").strip()
    return "data:image/svg+xml," + quote(svg, safe="/:=,.-")


def register(app: Flask) -> None:
    app.add_template_global("Peer support", "service_name")
    icon = Path(app.static_folder) / "icons" / "icon.svg"
    app.add_template_global(svg_data_uri(icon), "favicon_uri")
    app.add_template_global(csp_nonce, "csp_nonce")
    app.add_template_global(page_header, "page_header")
    app.add_template_global(page_footer, "page_footer")
    app.add_template_global(idle_seconds_left, "idle_seconds_left")
    app.add_template_global(fragments.skip_link, "skip_link")
    app.add_template_global(fragments.tag, "tag")
    app.add_template_global(fragments.component, "component")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(local_date, "local_date")
    app.add_template_filter(short_date, "short_date")
