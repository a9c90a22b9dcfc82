"""A local Web Push service for tests and benchmarks, on 127.0.0.1.

It does what a real push service does with a message, strictly: checks the VAPID
header (ES256 signature by the app's public key, and the claims aud, exp and sub),
then decrypts the aes128gcm body with the subscription's private key (http_ece), so a
test sees exactly the plaintext a phone would. Answers can be scripted per device:
a status with headers, or a hang that outlasts the sender's timeout.

It speaks HTTP/1.1 with keep-alive, one thread per connection as a real server would,
and reads requests itself rather than through http.server (which parses each request's
headers with the email package): in the benchmark it shares the machine's cores with
the worker it measures, so it should not cost more than it must.
"""

import base64
import json
import os
import socketserver
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


def b64url_encode(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).rstrip(b"=").decode()


def device_keys() -> tuple[ec.EllipticCurvePrivateKey, bytes, dict]:
    """What a browser makes when it subscribes: a P-256 key pair and an auth secret."""
    key = ec.generate_private_key(ec.SECP256R1())
    auth = os.urandom(16)
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return key, auth, {"p256dh": b64url_encode(public), "auth": b64url_encode(auth)}


@dataclass
class Received:
    device: str
    status: int
    headers: dict
    claims: dict | None = None
    plaintext: str | None = None
    error: str = ""
    at: float = field(default_factory=time.time)  # when it arrived (wall clock)

    @property
    def message(self) -> dict:
        return json.loads(self.plaintext)


@dataclass
class Answer:
    status: int = 201
    headers: dict = field(default_factory=dict)
    hang_seconds: float = 0


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    # socketserver's default backlog of 5 drops connection attempts when a sender opens
    # several at once, and each dropped one costs the sender a second (SYN resent).
    request_queue_size = 128


class PushReceiver:
    def __init__(self, vapid_public_key: str, subject: str, verify: bool = True):
        """``verify=False`` only counts messages (benchmarks: measure the sender)."""
        self.vapid_public_key = vapid_public_key
        self.subject = subject
        self.verify = verify
        self.devices: dict[str, tuple[ec.EllipticCurvePrivateKey, bytes]] = {}
        self.scripts: dict[str, list[Answer]] = {}
        self.received: list[Received] = []
        self.lock = threading.Lock()
        self.server = Server(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def new_device(self, name: str) -> dict:
        """A browser's subscription: endpoint here, and keys only this receiver can use."""
        key, auth, keys = device_keys()
        self.devices[name] = (key, auth)
        return {"endpoint": f"{self.url}/push/{name}", "keys": keys}

    def subscription(self, user, name: str):
        """A new device of ``user``'s here, stored as the browser would have sent it."""
        from tests.factories import PushSubscriptionFactory

        info = self.new_device(name)
        return PushSubscriptionFactory(
            user=user, endpoint=info["endpoint"], device_label=name, **info["keys"]
        )

    def answer(self, name: str, *answers: Answer):
        """Script the next answers for a device; after them it answers 201."""
        self.scripts.setdefault(name, []).extend(answers)

    def accepted(self, name: str | None = None) -> list[Received]:
        return [
            r for r in self.received if 200 <= r.status < 300 and (name is None or r.device == name)
        ]

    def errors(self) -> list[str]:
        return [r.error for r in self.received if r.error]

    # -- checking one message ---------------------------------------------------------

    def check_vapid(self, authorization: str) -> dict:
        scheme, _, params = authorization.partition(" ")
        assert scheme == "vapid", "Authorization scheme is not vapid"
        fields = dict(part.strip().split("=", 1) for part in params.split(","))
        assert fields["k"] == self.vapid_public_key, "VAPID key is not the app's"
        header_b64, claims_b64, signature_b64 = fields["t"].split(".")
        assert json.loads(b64url_decode(header_b64)) == {"typ": "JWT", "alg": "ES256"}
        signature = b64url_decode(signature_b64)
        assert len(signature) == 64, "ES256 signature must be 64 bytes"
        public = ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(fields["k"])
        )
        public.verify(
            encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            ),
            f"{header_b64}.{claims_b64}".encode(),
            ec.ECDSA(hashes.SHA256()),
        )
        claims = json.loads(b64url_decode(claims_b64))
        assert claims["aud"] == self.url, f"aud {claims['aud']!r} is not {self.url!r}"
        now = time.time()
        assert now < claims["exp"] <= now + 24 * 3600, "exp not within 24 hours"
        assert claims["sub"] == self.subject, "sub is not the app's contact"
        return claims

    def decrypt(self, name: str, body: bytes) -> str:
        key, auth = self.devices[name]
        return http_ece.decrypt(body, private_key=key, auth_secret=auth).decode()

    def _post(self, name: str, headers: dict, body: bytes) -> Answer:
        """Check and record one message; the answer to give."""
        with self.lock:
            script = self.scripts.get(name) or []
            answer = script.pop(0) if script else Answer()
        record = Received(name, answer.status, headers)
        try:
            if self.verify:
                assert headers["content-encoding"] == "aes128gcm"
                assert int(headers["ttl"]) > 0, "TTL must be set"
                assert headers["urgency"] in ("very-low", "low", "normal", "high")
                record.claims = self.check_vapid(headers["authorization"])
            if self.verify and name in self.devices:
                record.plaintext = self.decrypt(name, body)
        except (AssertionError, InvalidSignature, KeyError, ValueError) as exc:
            record.error = f"{type(exc).__name__}: {exc}"
            record.status = 400
            answer = Answer(400, hang_seconds=answer.hang_seconds)
        with self.lock:
            self.received.append(record)
        return answer

    def _handler(self):
        receiver = self

        class Handler(socketserver.StreamRequestHandler):
            disable_nagle_algorithm = True

            def handle(self):
                while request := read_request(self.rfile):
                    method, path, headers, body = request
                    if method == "POST":
                        answer = receiver._post(path.rsplit("/", 1)[-1], headers, body)
                        if answer.hang_seconds:
                            time.sleep(answer.hang_seconds)
                        reply = (answer.status, answer.headers, b"")
                    elif path == "/arrivals":  # for another process: device and time
                        arrivals = [(r.device, r.at) for r in receiver.accepted()]
                        reply = (200, {}, json.dumps(arrivals).encode())
                    else:
                        reply = (404, {}, b"")
                    try:
                        self.wfile.write(encode_response(*reply))
                    except OSError:
                        return  # the sender gave up waiting
                    if headers.get("connection", "").lower() == "close":
                        return

        return Handler


def read_request(stream) -> tuple[str, str, dict, bytes] | None:
    """The next request on a keep-alive connection, or None once the client closed it."""
    line = stream.readline(65537)
    if not line.strip():
        return None
    method, path, _version = line.decode("latin-1").split()
    headers = {}
    while (line := stream.readline(65537)) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return method, path, headers, stream.read(int(headers.get("content-length", 0)))


def encode_response(status: int, headers: dict, body: bytes) -> bytes:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Answer"
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += [f"Content-Length: {len(body)}", "\r\n"]
    return "\r\n".join(lines).encode("latin-1") + body
