"""The server's side of RFC 9474 blind RSA signatures, variant RSABSSA-SHA384-PSS-Randomized.

The phone prepares a random token, blinds it and sends only the blinded value; the
server signs that with the RSA private operation (BlindSign); the phone unblinds the
result into an ordinary RSA-PSS signature of the token, which anyone can check with the
public key (Verify). The signer never sees the token it signed, so a spent token cannot
be matched to the request that had it signed. The browser's side is
@cloudflare/blindrsa-ts.
"""

import base64

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY_BITS = 2048
SALT_LENGTH = 48  # the SHA-384 digest length, as the PSS variant specifies
PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=SALT_LENGTH)


class BlindSignError(ValueError):
    pass


def new_private_key() -> bytes:
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    return key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _load(private_der: bytes) -> rsa.RSAPrivateKey:
    return serialization.load_der_private_key(private_der, password=None)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def from_b64url(text: str) -> bytes:
    """Bytes from unpadded base64url; ValueError for anything else."""
    if not isinstance(text, str) or not text.isascii():
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_jwk(private_der: bytes) -> dict:
    """The public key as a JSON Web Key, which WebCrypto imports for RSA-PSS."""
    numbers = _load(private_der).public_key().public_numbers()
    size = (numbers.n.bit_length() + 7) // 8
    return {
        "kty": "RSA",
        "alg": "PS384",
        "n": b64url(numbers.n.to_bytes(size, "big")),
        "e": b64url(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")),
        "ext": True,
    }


def blind_sign(private_der: bytes, blinded: bytes) -> bytes:
    """BlindSign (RFC 9474, section 4.3): the RSA private operation, checked by the public
    one so that a faulty computation never gives away the key."""
    key = _load(private_der)
    numbers = key.private_numbers()
    n, e = numbers.public_numbers.n, numbers.public_numbers.e
    size = (n.bit_length() + 7) // 8
    if len(blinded) != size:
        raise BlindSignError("unexpected input size")
    m = int.from_bytes(blinded, "big")
    if m >= n:
        raise BlindSignError("invalid message length")
    s = pow(m, numbers.d, n)
    if pow(s, e, n) != m:
        raise BlindSignError("signing failure")
    return s.to_bytes(size, "big")


def verify(private_der: bytes, token: bytes, signature: bytes) -> bool:
    """Verify (RFC 9474, section 4.5): RSASSA-PSS over the prepared token."""
    try:
        _load(private_der).public_key().verify(signature, token, PSS, hashes.SHA384())
    except InvalidSignature:
        return False
    return True
