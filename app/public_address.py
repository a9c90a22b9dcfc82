"""Links that leave the app (an activation QR code, the visitors' poster, a calendar feed,
an event's UID) name the configured PUBLIC_BASE_URL, never the request's Host header,
which whoever sends the request chooses."""

from urllib.parse import urlsplit

from flask import current_app, url_for


def public_base_url() -> str:
    return current_app.config["PUBLIC_BASE_URL"]


def public_url(endpoint: str, **values) -> str:
    return public_base_url() + url_for(endpoint, **values)


def calendar_subscription(endpoint: str, **values) -> tuple[str, str]:
    """A calendar feed's https address (to copy into a calendar app) and its webcal://
    twin, which a phone opens in its calendar as a subscription that keeps updating."""
    feed_url = public_url(endpoint, **values)
    return feed_url, "webcal://" + feed_url.split("://", 1)[1]


def public_host() -> str:
    return urlsplit(public_base_url()).netloc
