"""Benchmark: push notifications delivered per second, beside pywebpush's encryption alone.

Budget (QUALITY.md): notifying 1,000 subscriptions through the local receiver runs at
least half as fast as pywebpush encrypting the same 1,000 messages, measured side by
side in one run because the machine is shared and noisy. The receiver runs in its own
process, as a real push service would. Not a test: run it with
``.venv/bin/python -m bench.push [--subscriptions 1000]``; writes bench/results/push.json.
"""

import argparse
import json
import multiprocessing
import tempfile
import time
import urllib.request
from pathlib import Path

from flask_migrate import upgrade
from pywebpush import WebPusher

from app import create_app
from app.extensions import db
from app.instance import generate_vapid_keys
from app.models import PushSubscription, Role, Unit, User
from app.services.notifications import queue_notification
from app.services.push_delivery import make_sender, run_once
from tests.support.push_receiver import PushReceiver, device_keys

PAYLOAD = json.dumps(
    {
        "title": "You have a new booking",
        "body": "A session at 14:30 on Tuesday",
        "url": "/peer/",
        "tag": "n1",
    }
)


def serve_receiver(public_key: str, subject: str, urls) -> None:
    """The push service, in its own process (no shared interpreter lock)."""
    with PushReceiver(public_key, subject, verify=False) as receiver:
        urls.put(receiver.url)
        receiver.thread.join()


def build(count: int, receiver_url: str) -> list[dict]:
    """One peer worker per subscription, each with one notification waiting."""
    unit = Unit(slug="bench", name="Bench unit")
    db.session.add(unit)
    db.session.flush()
    infos = []
    for i in range(count):
        user = User(
            unit_id=unit.id,
            role=Role.PEER_WORKER.value,
            display_name=f"P{i}",
            username=f"bench{i}",
            password_hash=None,
        )
        db.session.add(user)
        db.session.flush()
        info = {"endpoint": f"{receiver_url}/push/d{i}", "keys": device_keys()[2]}
        infos.append(info)
        db.session.add(
            PushSubscription(
                unit_id=unit.id,
                user_id=user.id,
                endpoint=info["endpoint"],
                device_label="Phone",
                **info["keys"],
            )
        )
        queue_notification(user, "booking.created", url="/peer/", time="14:30", day="Tuesday")
    db.session.commit()
    return infos


def deliver_all(count: int) -> float:
    sender = make_sender()
    started = time.perf_counter()
    sent = 0
    while sent < count:
        report = run_once(sender)
        if not report.claimed:
            raise SystemExit(f"stopped after {sent} of {count}")
        sent += report.sent
    return time.perf_counter() - started


def encrypt_all(infos: list[dict]) -> float:
    started = time.perf_counter()
    for info in infos:
        WebPusher(info).encode(PAYLOAD.encode(), content_encoding="aes128gcm")
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=1000)
    count = parser.parse_args().subscriptions
    private, public = generate_vapid_keys()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench-only-secret",
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.sqlite3'}",
                "VAPID_PRIVATE_KEY": private,
                "VAPID_PUBLIC_KEY": public,
                "PUSH_ALLOW_LOCAL_RECEIVER": True,
            }
        )
        urls = multiprocessing.Queue()
        service = multiprocessing.Process(
            target=serve_receiver, args=(public, app.config["VAPID_SUBJECT"], urls), daemon=True
        )
        service.start()
        try:
            receiver_url = urls.get(timeout=30)
            with app.app_context():
                upgrade()
                infos = build(count, receiver_url)
                encrypt_seconds = encrypt_all(infos)
                deliver_seconds = deliver_all(count)
                db.session.remove()
                db.engine.dispose()
            with urllib.request.urlopen(f"{receiver_url}/count") as answer:  # noqa: S310
                received = int(answer.read())
            assert received == count, f"the push service got {received} of {count}"
        finally:
            service.terminate()
    delivered_rate = count / deliver_seconds
    encrypt_rate = count / encrypt_seconds
    ratio = delivered_rate / encrypt_rate
    out = Path(__file__).resolve().parent / "results" / "push.json"
    out.parent.mkdir(exist_ok=True)
    results = {
        "subscriptions": count,
        "delivered_per_second": round(delivered_rate, 1),
        "encryption_per_second": round(encrypt_rate, 1),
        "ratio": round(ratio, 3),
        "budget": 0.5,
    }
    out.write_text(json.dumps(results, indent=2))
    print(f"push delivered:       {delivered_rate:8.1f} notifications/s ({count} subscriptions)")
    print(f"pywebpush encryption: {encrypt_rate:8.1f} messages/s")
    print(
        f"ratio delivered/encryption: {ratio:.2f} (budget: at least 0.50) "
        f"{'OK' if ratio >= 0.5 else 'BELOW BUDGET'}"
    )


if __name__ == "__main__":
    main()
