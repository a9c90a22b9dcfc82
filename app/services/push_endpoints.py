"""Which push endpoints the server may post to.

The endpoint of a subscription comes from the browser, so without checks it would let
anyone make the server post to any address (SSRF). Only https on port 443 to the known
push services is allowed, with no user info, and the host must not resolve to a private
address. The local test receiver (http on 127.0.0.1) is allowed only when the config
``PUSH_ALLOW_LOCAL_RECEIVER`` is true, which only the test configuration sets.
"""

import ipaddress
import re
import socket
from collections.abc import Callable
from typing import NamedTuple
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


class Route(NamedTuple):
    """Where an endpoint that passed the shape check is posted: parsed once, then used
    for the connection, the request line and the VAPID audience."""

    scheme: str
    host: str
    port: int
    path: str  # with the query, as it goes in the request line
    audience: str  # scheme://netloc, the VAPID token's "aud"
    local: bool  # the local test receiver (allowed only by configuration)


# An endpoint of the usual shape: http(s), a lower-case host name or IPv4 address, maybe
# a port, then a path of URL characters only: no query, fragment, user info, space,
# control character or backslash. For such a string, what urlsplit would make of it can
# be read straight off, without its cost (the worker checks each endpoint it meets).
PLAIN_ENDPOINT = re.compile(
    r"(https?)://([a-z0-9][a-z0-9.-]*)(?::([0-9]{1,5}))?(/[-A-Za-z0-9._~!$&'()*+,;=:@%/]*)"
)


class Parts(NamedTuple):
    scheme: str
    netloc: str
    host: str
    port: int | None
    target: str  # the path and query, as they go in the request line
    user_info: bool  # a user name or password was given


def split_endpoint(endpoint: str) -> Parts:
    """What urlsplit makes of ``endpoint``. Raises ValueError where it would."""
    plain = PLAIN_ENDPOINT.fullmatch(endpoint)
    if plain is not None:
        scheme, host, port, path = plain.groups()
        if port is None:
            return Parts(scheme, host, host, None, path, False)
        if int(port) <= 65535:
            return Parts(scheme, f"{host}:{port}", host, int(port), path, False)
    return split_by_urlsplit(endpoint)


def split_by_urlsplit(endpoint: str) -> Parts:
    parts = urlsplit(endpoint)
    return Parts(
        parts.scheme,
        parts.netloc,
        parts.hostname or "",
        parts.port,
        (parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
        bool(parts.username or parts.password),
    )


def endpoint_route(endpoint: str, allow_local: bool = False) -> Route:
    """Check the shape of an endpoint (no network) and say where it goes. Raises
    DomainError when refused."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > 1000:
        raise DomainError(REFUSED, "endpoint")
    try:
        parts = split_endpoint(endpoint)
    except ValueError as exc:
        raise DomainError(REFUSED, "endpoint") from exc
    local = (
        allow_local
        and parts.scheme in ("http", "https")
        and parts.host in LOCAL_RECEIVER_HOSTS
        and not parts.user_info
    )
    if not local and (
        parts.scheme != "https"
        or parts.port not in (None, 443)
        or "@" in parts.netloc
        or not _known_push_host(parts.host.rstrip("."))
    ):
        raise DomainError(REFUSED, "endpoint")
    return Route(
        parts.scheme,
        parts.host,
        parts.port or (443 if parts.scheme == "https" else 80),
        parts.target,
        f"{parts.scheme}://{parts.netloc}",
        local,
    )


def check_endpoint_form(endpoint: str, allow_local: bool = False) -> None:
    """Check the shape of an endpoint (no network). Raises DomainError when refused."""
    endpoint_route(endpoint, allow_local)


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
    return route_addresses(endpoint_route(endpoint, allow_local), resolve)


def route_addresses(
    route: Route, resolve: Callable[[str], list[str]] = resolve_addresses
) -> list[str]:
    """``checked_addresses`` for an endpoint already parsed and shape-checked."""
    if route.local:
        return ["127.0.0.1" if route.host == "localhost" else route.host]
    addresses = resolve(route.host)
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
