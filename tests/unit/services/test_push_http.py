"""The push worker's own HTTP/1.1: what it sends, how it reads answers, and when a
connection may be used again."""

import http.client
import socket
import threading
import time
from contextlib import closing, suppress

import pytest

from app.services.push_http import MAX_BODY, BadAnswer, PushConnection, encode_request


class RawServer:
    """Accepts one connection; answers each request with the next scripted pieces of
    bytes (a float in the script is a pause), and keeps what it was sent."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        with self.listener:
            connection, _ = self.listener.accept()
        with connection, suppress(OSError):  # the client may hang up first
            buffer = b""
            for answer in self.answers:
                while b"\r\n\r\n" not in buffer:
                    more = connection.recv(65536)
                    if not more:
                        return
                    buffer += more
                head, _, buffer = buffer.partition(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
                while len(buffer) < length:
                    buffer += connection.recv(65536)
                self.requests.append(head + b"\r\n\r\n" + buffer[:length])
                buffer = buffer[length:]
                for piece in answer:
                    if isinstance(piece, float):
                        time.sleep(piece)
                    else:
                        connection.sendall(piece)
            time.sleep(0.2)

    def connection(self) -> PushConnection:
        return PushConnection("push.example", self.port, "127.0.0.1", None)


def exchange(connection, timeout=2.0):
    """One request on ``connection`` (a RawServer: on a new connection, closed after)."""
    if isinstance(connection, RawServer):
        with closing(connection.connection()) as new:
            return exchange(new, timeout)
    deadline = time.monotonic() + timeout
    connection.send("/push/a", {"TTL": "60", "Urgency": "high"}, b"secret", deadline)
    return connection.answer(deadline)


def test_the_request_goes_out_whole_with_host_and_length():
    server = RawServer([b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"])
    answer, reusable = exchange(server)
    assert (answer.status_code, answer.reason, reusable) == (201, "Created", True)
    request = server.requests[0]
    assert request.startswith(b"POST /push/a HTTP/1.1\r\nHost: push.example:%d\r\n" % server.port)
    assert b"\r\nContent-Length: 6\r\n" in request and b"\r\nTTL: 60\r\n" in request
    assert request.endswith(b"\r\n\r\nsecret")


def test_a_keep_alive_connection_carries_the_next_request():
    ok = b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
    server = RawServer([ok], [ok])
    with closing(server.connection()) as connection:
        assert exchange(connection)[0].text == "ok"
        assert exchange(connection)[0].text == "ok"
    assert len(server.requests) == 2


def test_a_chunked_answer_is_read_whole_and_headers_ignore_case():
    server = RawServer(
        [
            b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 90\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n",
            0.05,
            b"5\r\nslow \r\n4;x=y\r\ndown\r\n0\r\n\r\n",
        ]
    )
    answer, reusable = exchange(server)
    assert (answer.status_code, answer.text, reusable) == (429, "slow down", True)
    assert answer.headers.get("Retry-After") == "90"


def test_an_interim_answer_is_skipped():
    server = RawServer(
        [b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n"]
    )
    assert exchange(server)[0].status_code == 410


@pytest.mark.parametrize(
    "answer",
    [
        b"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.0 201 Created\r\nContent-Length: 0\r\n\r\n",
        b"HTTP/1.1 201 Created\r\nContent-Length: %d\r\n\r\n" % (MAX_BODY + 1)
        + b"x" * (MAX_BODY + 1),
        b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\nunasked-for bytes",
    ],
    ids=["close", "http/1.0", "too long", "extra bytes"],
)
def test_a_connection_is_not_reused_after_an_answer_that_forbids_it(answer):
    server = RawServer([answer])
    response, reusable = exchange(server)
    assert response.status_code == 201 and not reusable


@pytest.mark.parametrize(
    "answer",
    [
        b"SPDY 201 Created\r\n\r\n",
        b"HTTP/1.1 2x1 Created\r\n\r\n",
        b"HTTP/1.1 201 OK\r\nno colon\r\n\r\n",
    ],
)
def test_a_malformed_answer_is_refused(answer):
    server = RawServer([answer])
    with pytest.raises(BadAnswer):
        exchange(server)


def test_the_timeout_bounds_the_whole_answer_not_each_read():
    """A service that trickles its answer a byte at a time cannot hold the worker."""
    trickle = [b"HTTP/1.1 201 Created\r\nContent-Length: 40\r\n\r\n"]
    trickle += [piece for _ in range(40) for piece in (0.05, b"x")]
    server = RawServer(trickle)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        exchange(server, timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_an_answer_cut_short_is_an_error():
    server = RawServer([b"HTTP/1.1 201 Created\r\nContent-Length: 10\r\n\r\nabc"])  # then closes
    with pytest.raises(http.client.IncompleteRead):
        exchange(server, timeout=2)


@pytest.mark.parametrize("path", ["/push/a b", "/push/a\r\nX-Injected: 1", "/push/\x00"])
def test_a_path_that_would_split_the_request_is_refused(path):
    with pytest.raises(ValueError):
        encode_request("push.example", path, {}, b"")


def test_a_header_that_would_split_the_request_is_refused():
    with pytest.raises(ValueError):
        encode_request("push.example", "/a", {"Urgency": "high\r\nX-Injected: 1"}, b"")
    with pytest.raises(ValueError):
        encode_request("push.example", "/a", {"Bad Name": "x"}, b"")
