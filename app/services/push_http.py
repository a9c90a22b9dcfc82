"""One keep-alive HTTP/1.1 connection to a push service: a POST out, its answer back.

Push services answer a POST with a status, a few headers and a small body, so this
speaks just that much HTTP/1.1 itself (http.client parses every answer's headers with
the email package and writes each header apart, which cost more CPU than encrypting the
message). The request goes out in one write. An answer is read with a deadline for the
whole of it, not per read, and a connection is reused only when the answer was complete
and the server did not ask to close it. Anything malformed raises ``BadAnswer`` (an
``http.client.HTTPException``) and the connection is closed.
"""

import http.client
import math
import re
import select
import socket
import ssl
import time

MAX_BODY = 64 * 1024  # answers from push services are small; read no more
MAX_HEAD = 64 * 1024
NOT_IN_PATH = re.compile(r"[\x00-\x20\x7f]")
HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
NOT_IN_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class BadAnswer(http.client.HTTPException):
    """The push service's answer is not HTTP/1.x as we can read it."""


class Headers(dict):
    """An answer's headers, looked up whatever the case of the name."""

    def get(self, name, default=None):
        return super().get(name.lower(), default)

    def __getitem__(self, name):
        return super().__getitem__(name.lower())

    def __contains__(self, name):
        return super().__contains__(name.lower())


class PushResponse:
    """What ``WebPusher.send`` and the sender read of an answer."""

    __slots__ = ("status_code", "reason", "headers", "text")

    def __init__(self, status_code: int, reason: str, headers: Headers, text: str):
        self.status_code, self.reason, self.headers, self.text = status_code, reason, headers, text


def encode_request(host: str, path: str, headers, body: bytes) -> bytes:
    """A POST as bytes; refuses a path or header that would split the request."""
    if NOT_IN_PATH.search(path):
        raise ValueError("push: the endpoint's path has characters not allowed in a request")
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", f"Content-Length: {len(body)}"]
    lines += [line for name, value in headers.items() if (line := _header_line(name, value))]
    lines.append("\r\n")
    return "\r\n".join(lines).encode("latin-1") + body


_checked: dict[tuple, str] = {}  # header lines already checked (most repeat every message)


def _header_line(name: str, value) -> str:
    """``Name: value``, or "" for the headers written here (Host, Content-Length)."""
    line = _checked.get((name, value))
    if line is None:
        text = str(value)
        if not HEADER_NAME.fullmatch(name) or NOT_IN_VALUE.search(text):
            raise ValueError(f"push: header {name!r} cannot be sent")
        line = "" if name.lower() in ("host", "content-length") else f"{name}: {text}"
        if len(_checked) >= 1000:
            _checked.clear()
        _checked[(name, value)] = line
    return line


class PushConnection:
    """Speaks to ``host`` (Host header, TLS name) but connects to ``address``."""

    def __init__(self, host: str, port: int, address: str, tls: ssl.SSLContext | None):
        self.host, self.port, self.address, self.tls = host, port, address, tls
        default = 443 if tls is not None else 80
        self.host_header = host if port == default else f"{host}:{port}"
        self.sock: socket.socket | None = None
        self.buffer = b""

    def fileno(self) -> int:
        return self.sock.fileno() if self.sock is not None else -1

    def close(self) -> None:
        sock, self.sock, self.buffer = self.sock, None, b""
        if sock is not None:
            sock.close()

    def send(self, path: str, headers, body: bytes, deadline: float) -> None:
        request = memoryview(encode_request(self.host_header, path, headers, body))
        if self.sock is None:
            sock = socket.create_connection((self.address, self.port), _left(deadline))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tls is not None:
                sock = self.tls.wrap_socket(sock, server_hostname=self.host)
            # From here on the socket never blocks: each read or write is tried at once
            # and waited for (with what is left of the deadline) only when it cannot go
            # ahead. A socket with a timeout would instead ask the kernel before every
            # read and write whether it may, and setting the timeout is a call too.
            sock.setblocking(False)
            self.sock = sock
        while request:
            try:
                request = request[self.sock.send(request) :]
            except (BlockingIOError, ssl.SSLWantWriteError):
                self._wait(select.POLLOUT, deadline)
            except ssl.SSLWantReadError:
                self._wait(select.POLLIN, deadline)

    def answer(self, deadline: float) -> tuple[PushResponse, bool]:
        """Read one answer; returns it and whether the connection may be used again."""
        while True:
            version, status, reason, headers = self._head(deadline)
            if not 100 <= status < 200:
                break  # an interim answer (1xx) is followed by the real one
        closing = "close" in headers.get("connection", "").lower()
        reusable = version == "HTTP/1.1" and not closing
        if status in (204, 304):
            body, complete = b"", True
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            body, complete = self._chunked(deadline)
        elif "content-length" in headers:
            length = headers["content-length"]
            if not length.isdigit():
                raise BadAnswer(f"Content-Length {length!r}")
            body = self._exactly(min(int(length), MAX_BODY), deadline)
            complete = int(length) <= MAX_BODY
        else:  # the body runs until the server closes the connection
            body, complete = self._until_closed(deadline), False
        reusable = reusable and complete and not self.buffer
        return PushResponse(status, reason, headers, body.decode("utf-8", "replace")), reusable

    # -- reading ----------------------------------------------------------------------

    def _more(self, deadline: float) -> bytes:
        while True:
            try:
                return self.sock.recv(65536)
            except (BlockingIOError, ssl.SSLWantReadError):
                self._wait(select.POLLIN, deadline)
            except ssl.SSLWantWriteError:
                self._wait(select.POLLOUT, deadline)

    def _wait(self, event: int, deadline: float) -> None:
        """Until the socket is ready for ``event``; TimeoutError once the deadline is
        past."""
        poller = select.poll()
        poller.register(self.sock, event)
        if not poller.poll(math.ceil(_left(deadline) * 1000)):
            raise TimeoutError("the push service did not answer in time")

    def _head(self, deadline: float) -> tuple[str, int, str, Headers]:
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            if len(self.buffer) > MAX_HEAD:
                raise BadAnswer("answer headers too long")
            more = self._more(deadline)
            if not more:
                raise http.client.RemoteDisconnected("closed without an answer")
            self.buffer += more
        head, self.buffer = self.buffer[:end].decode("latin-1"), self.buffer[end + 4 :]
        status_line, *lines = head.split("\r\n")
        version, _, rest = status_line.partition(" ")
        code, _, reason = rest.partition(" ")
        if not version.startswith("HTTP/1.") or len(code) != 3 or not code.isdigit():
            raise BadAnswer(status_line[:100])
        headers = Headers()
        for line in lines:
            name, colon, value = line.partition(":")
            if not colon or not name or name != name.strip():
                raise BadAnswer(f"header line {line[:100]!r}")
            headers[name.lower()] = value.strip()
        return version, int(code), reason.strip(), headers

    def _exactly(self, length: int, deadline: float) -> bytes:
        while len(self.buffer) < length:
            more = self._more(deadline)
            if not more:
                raise http.client.IncompleteRead(self.buffer, length - len(self.buffer))
            self.buffer += more
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return body

    def _line(self, deadline: float) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            if len(self.buffer) > MAX_HEAD:
                raise BadAnswer("chunk line too long")
            more = self._more(deadline)
            if not more:
                raise http.client.IncompleteRead(self.buffer)
            self.buffer += more
        line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
        return line

    def _chunked(self, deadline: float) -> tuple[bytes, bool]:
        body = b""
        while True:
            size_text = self._line(deadline).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError as exc:
                raise BadAnswer(f"chunk size {size_text[:20]!r}") from exc
            if size == 0:
                while self._line(deadline):  # trailers, up to the empty line
                    pass
                return body, True
            if len(body) + size > MAX_BODY:
                return body, False  # too long to read; the connection is dropped
            body += self._exactly(size, deadline)
            if self._exactly(2, deadline) != b"\r\n":
                raise BadAnswer("chunk not followed by CRLF")

    def _until_closed(self, deadline: float) -> bytes:
        while len(self.buffer) < MAX_BODY and (more := self._more(deadline)):
            self.buffer += more
        body, self.buffer = self.buffer[:MAX_BODY], b""
        return body


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the push service did not answer in time")
    return left
