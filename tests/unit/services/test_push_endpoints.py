import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.services.errors import DomainError
from app.services.push_endpoints import (
    PLAIN_ENDPOINT,
    check_endpoint_before_send,
    check_endpoint_form,
    split_by_urlsplit,
    split_endpoint,
)

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


def _read(split, endpoint):
    try:
        return split(endpoint)
    except ValueError:
        return "refused"


@pytest.mark.parametrize("endpoint", [*ALLOWED[:3], "http://127.0.0.1:8080/push/x"])
def test_the_usual_endpoints_are_read_without_urlsplit(endpoint):
    assert PLAIN_ENDPOINT.fullmatch(endpoint)
    assert split_endpoint(endpoint) == split_by_urlsplit(endpoint)


@given(
    st.sampled_from(["https://", "http://", "HTTPS://", "https:/", "ftp://", "", " https://"]),
    st.sampled_from(["fcm.googleapis.com", "127.0.0.1", "localhost", "web.push.apple.com.", "x"]),
    st.sampled_from(["", ":443", ":8080", ":99999", ":", ":0443", ":65536", ":1a"]),
    st.text(alphabet="aZ09-._~!$&'()*+,;=:@%/?#[] \t\\\x00\u00e9", max_size=30),
)
@example("https://", "fcm.googleapis.com", "", "/fcm/send/a?b#c")
@example("https://", "fcm.googleapis.com", "", "/a@evil.test/")
@example("https://", "fcm.googleapis.com", "", "\t/a")
def test_reading_an_endpoint_agrees_with_urlsplit(scheme, host, port, rest):
    endpoint = scheme + host + port + rest
    assert _read(split_endpoint, endpoint) == _read(split_by_urlsplit, endpoint)
