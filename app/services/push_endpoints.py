"""Which push endpoints the server may post to.

The endpoint of a subscription comes from the browser, so without checks it would let
anyone make the server post to any address (SSRF). Only https on port 443 to the known
push services is allowed, with no user info, and the host must not resolve to a private
address. The local test receiver (http on 127.0.0.1) is allowed only when the config
``PUSH_ALLOW_LOCAL_RECEIVER`` is true, which only the test configuration sets.
"""

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from app.services.errors import DomainError

PUSH_SERVICE_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "web.push.apple.com",
)
PUSH_SERVICE_DOMAIN_SUFFIXES = (".notify.windows.com",)
LOCAL_RECEIVER_HOSTS = ("127.0.0.1", "localhost")
REFUSED = "This browser gave an address we cannot send notifications to"


def _known_push_host(host: str) -> bool:
    return host in PUSH_SERVICE_HOSTS or any(
        host.endswith(suffix) and len(host) > len(suffix) for suffix in PUSH_SERVICE_DOMAIN_SUFFIXES
    )


def is_local_receiver(endpoint: str, allow_local: bool) -> bool:
    if not allow_local:
        return False
    parts = urlsplit(endpoint)
    return (
        parts.scheme in ("http", "https")
        and parts.hostname in LOCAL_RECEIVER_HOSTS
        and not (parts.username or parts.password)
    )


def check_endpoint_form(endpoint: str, allow_local: bool = False) -> None:
    """Check the shape of an endpoint (no network). Raises DomainError when refused."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > 1000:
        raise DomainError(REFUSED, "endpoint")
    if is_local_receiver(endpoint, allow_local):
        return
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError as exc:
        raise DomainError(REFUSED, "endpoint") from exc
    host = (parts.hostname or "").rstrip(".")
    if (
        parts.scheme != "https"
        or port not in (None, 443)
        or "@" in parts.netloc
        or not _known_push_host(host)
    ):
        raise DomainError(REFUSED, "endpoint")


def resolve_addresses(host: str) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)]


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def checked_addresses(
    endpoint: str,
    allow_local: bool = False,
    resolve: Callable[[str], list[str]] = resolve_addresses,
) -> list[str]:
    """Everything ``check_endpoint_form`` checks, plus: every address the host resolves
    to is public. Returns those addresses: connect to one of them, not to the name, so
    that what was checked is what is contacted. A DNS failure raises OSError (retry)."""
    check_endpoint_form(endpoint, allow_local)
    host = urlsplit(endpoint).hostname
    if is_local_receiver(endpoint, allow_local):
        return ["127.0.0.1" if host == "localhost" else host]
    addresses = resolve(host)
    if not addresses or not all(_is_public(a) for a in addresses):
        raise DomainError(REFUSED, "endpoint")
    return addresses


def check_endpoint_before_send(
    endpoint: str,
    allow_local: bool = False,
    resolve: Callable[[str], list[str]] = resolve_addresses,
) -> None:
    """``checked_addresses`` without the answer: raises DomainError when refused."""
    checked_addresses(endpoint, allow_local, resolve)
