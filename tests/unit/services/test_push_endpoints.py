import pytest

from app.services.errors import DomainError
from app.services.push_endpoints import check_endpoint_before_send, check_endpoint_form

ALLOWED = [
    "https://fcm.googleapis.com/fcm/send/abc",
    "https://updates.push.services.mozilla.com/wpush/v2/abc",
    "https://web.push.apple.com/QGx",
    "https://db5p.notify.windows.com/w/?token=abc",
    "https://fcm.googleapis.com:443/fcm/send/abc",
]
REFUSED = [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/push",
    "https://169.254.169.254/",
    "https://fcm.googleapis.com.evil.test/",
    "https://user@fcm.googleapis.com/",
    "https://user:pw@fcm.googleapis.com/",
    "http://fcm.googleapis.com/fcm/send/abc",
    "https://fcm.googleapis.com:8443/",
    "https://notify.windows.com/",
    "https://evil-notify.windows.com.test/",
    "https://localhost/",
    "javascript:alert(1)",
    "",
    "https://fcm.googleapis.com/" + "a" * 1000,
    "https://fcm.googleapis.com:99999/x",
    "https://[::1/x",
    "https://fcm.googleapis.com@evil.test/x",
]


@pytest.mark.parametrize("endpoint", ALLOWED)
def test_push_services_are_allowed(endpoint):
    check_endpoint_form(endpoint)


@pytest.mark.parametrize("endpoint", REFUSED)
def test_anything_else_is_refused(endpoint):
    with pytest.raises(DomainError):
        check_endpoint_form(endpoint)


def test_local_receiver_only_when_allowed():
    check_endpoint_form("http://127.0.0.1:8080/push/x", allow_local=True)
    with pytest.raises(DomainError):
        check_endpoint_form("http://127.0.0.1:8080/push/x", allow_local=False)
    with pytest.raises(DomainError):
        check_endpoint_form("http://user@127.0.0.1:8080/push/x", allow_local=True)


@pytest.mark.parametrize(
    "addresses", [["10.0.0.5"], ["142.250.1.1", "192.168.1.1"], ["::1"], ["::ffff:127.0.0.1"], []]
)
def test_a_push_host_resolving_to_a_private_address_is_refused(addresses):
    with pytest.raises(DomainError):
        check_endpoint_before_send("https://fcm.googleapis.com/x", resolve=lambda host: addresses)


def test_a_push_host_resolving_to_public_addresses_is_allowed():
    check_endpoint_before_send(
        "https://fcm.googleapis.com/x", resolve=lambda host: ["142.250.1.1", "2a00:1450::1"]
    )


def test_the_local_receiver_must_resolve_to_this_machine():
    endpoint = "http://localhost:8080/push/x"
    check_endpoint_before_send(endpoint, allow_local=True, resolve=lambda host: ["127.0.0.1"])
    with pytest.raises(DomainError):
        check_endpoint_before_send(endpoint, allow_local=True, resolve=lambda host: ["10.0.0.5"])
