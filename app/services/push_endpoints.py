"""Which push endpoints the server may post to.

The endpoint of a subscription comes from the browser, so without checks it would let
anyone make the server post to any address (SSRF). Only https on port 443 to the known
push services is allowed, with no user info, and the host must not resolve to a private
address. The local test receiver (on 127.0.0.1) is allowed only when the config
``PUSH_ALLOW_LOCAL_RECEIVER`` is true, which only the test configuration sets.
"""

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

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


def _checked_parts(endpoint, allow_local: bool) -> tuple[SplitResult, bool]:
    """The endpoint's parts, and whether it is the local test receiver. Raises
    DomainError when its shape is refused."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > 1000:
        raise DomainError(REFUSED, "endpoint")
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError as exc:
        raise DomainError(REFUSED, "endpoint") from exc
    host = parts.hostname or ""
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise DomainError(REFUSED, "endpoint")
    if allow_local and parts.scheme in ("http", "https") and host in LOCAL_RECEIVER_HOSTS:
        return parts, True
    if parts.scheme != "https" or port not in (None, 443) or not _known_push_host(host.rstrip(".")):
        raise DomainError(REFUSED, "endpoint")
    return parts, False


def check_endpoint_form(endpoint, allow_local: bool = False) -> None:
    """Check the shape of an endpoint (no network). Raises DomainError when refused."""
    _checked_parts(endpoint, allow_local)


def resolve_addresses(host: str) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)]


def _ip(address: str):
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip


def _is_public(address: str) -> bool:
    ip = _ip(address)
    return ip.is_global and not ip.is_multicast


def check_endpoint_before_send(
    endpoint,
    allow_local: bool = False,
    resolve: Callable[[str], list[str]] = resolve_addresses,
) -> None:
    """Everything ``check_endpoint_form`` checks, plus: every address the host resolves
    to is public (the local receiver's: loopback). Raises DomainError when refused, and
    OSError when the host cannot be looked up (worth a retry)."""
    parts, local = _checked_parts(endpoint, allow_local)
    addresses = resolve(parts.hostname)
    allowed = (lambda a: _ip(a).is_loopback) if local else _is_public
    if not addresses or not all(allowed(a) for a in addresses):
        raise DomainError(REFUSED, "endpoint")
