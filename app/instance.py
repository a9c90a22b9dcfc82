"""Create instance/ with a generated secret key and VAPID key pair, never committed.

Run as ``python -m app.instance`` (``make run`` does). Keys already there are kept.
"""

import base64
import secrets
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def generate_vapid_keys() -> tuple[str, str]:
    """A P-256 key pair: the private key as PEM, the public key as browsers want it."""
    key = ec.generate_private_key(ec.SECP256R1())
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_raw = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return private_pem, base64.urlsafe_b64encode(public_raw).rstrip(b"=").decode()


def _write_secret(path: Path, content: str) -> None:
    path.write_text(content)
    path.chmod(0o600)


def ensure_instance(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    secret = folder / "secret_key"
    if not secret.exists():
        _write_secret(secret, secrets.token_urlsafe(48))
        written.append(secret)
    private = folder / "vapid_private.pem"
    if not private.exists():
        private_pem, public = generate_vapid_keys()
        _write_secret(private, private_pem)
        _write_secret(folder / "vapid_public.txt", public)
        written.append(private)
    return written


if __name__ == "__main__":
    from config import INSTANCE_DIR

    for path in ensure_instance(INSTANCE_DIR):
        print(f"Wrote {path}", file=sys.stderr)
