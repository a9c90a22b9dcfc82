"""The installable app: manifest, service worker, offline page, install help, and the help
and urgent support page."""

import hashlib
import json
from pathlib import Path

from flask import current_app, render_template, request, url_for
from flask_login import current_user

from app.pwa import bp
from app.services import clock
from app.services.help_contacts import urgent_contacts

ROLE_START_URLS = {"mother": "/me/", "peer_worker": "/peer/", "staff": "/staff/"}
THEME_COLOUR = "#005eb8"  # NHS blue
BACKGROUND_COLOUR = "#f0f4f5"  # NHS grey 5, the page background
# Static files every page needs, kept by the service worker (cache-first).
PRECACHED_STATIC = (
    "css/app.css",
    "js/app.js",
    "js/nhsuk-password-input.js",
    "js/nhsuk-character-count.js",
    "js/push.js",
    "js/print.js",  # her plan for going home, kept offline, prints
    "js/feedback.js",
    "js/feedback-ballot.js",
    "js/feedback-sw.js",
    "icons/icon-192.png",
    "icons/badge-96.png",
)


def asset_version() -> str:
    """A hash of the service worker and every precached file: any change makes a new
    version, which the browser installs beside the old one and offers as an update."""
    digest = hashlib.sha256()
    static = Path(current_app.static_folder)
    template = Path(current_app.template_folder) / "pwa" / "sw.js"
    for path in [template, *(static / name for name in PRECACHED_STATIC)]:
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def icon(name: str, size: int, purpose: str) -> dict:
    return {
        "src": url_for("static", filename=f"icons/{name}"),
        "sizes": f"{size}x{size}",
        "type": "image/png",
        "purpose": purpose,
    }


@bp.route("/manifest.webmanifest")
def manifest():
    start_url = ROLE_START_URLS.get(request.args.get("start", ""), "/")
    body = {
        "id": "/",
        "name": "Peer support",
        "short_name": "Peer support",
        "description": "Book time with a peer support worker and see what is on.",
        "lang": "en-GB",
        "start_url": start_url,
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            icon("icon-192.png", 192, "any"),
            icon("icon-512.png", 512, "any"),
            icon("maskable-192.png", 192, "maskable"),
            icon("maskable-512.png", 512, "maskable"),
        ],
    }
    return current_app.response_class(
        json.dumps(body, indent=1),
        mimetype="application/manifest+json",
        headers={"Cache-Control": "no-cache"},
    )


@bp.route("/sw.js")
def service_worker():
    precache = [url_for("static", filename=name) for name in PRECACHED_STATIC]
    precache.append(url_for("pwa.offline"))
    script = render_template(
        "pwa/sw.js",
        version=asset_version(),
        precache=precache,
        push_key=current_app.config.get("VAPID_PUBLIC_KEY") or "",
        replace_url=url_for("push.replace_this_device"),
        outbox_url=url_for("static", filename="js/feedback-sw.js"),
    )
    return current_app.response_class(
        script,
        mimetype="text/javascript",
        headers={"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"},
    )


@bp.route("/offline")
def offline():
    return render_template("pwa/offline.html")


@bp.route("/install")
def install():
    return render_template("pwa/install.html")


@bp.route("/help")
def help():
    today = clock.local_today(current_user.unit) if current_user.is_authenticated else None
    return render_template("pwa/help.html", contacts=urgent_contacts(current_user, today))
