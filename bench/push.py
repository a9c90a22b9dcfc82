"""Benchmark: push notifications delivered per second, beside pywebpush's encryption alone.

Budget (QUALITY.md): notifying 1,000 subscriptions through the local receiver runs at
least half as fast as pywebpush encrypting the same 1,000 messages (the very payloads
the worker sends, so the same sizes), measured side by side in one run because the
machine is shared and noisy. The delivery run is the real worker pass (``run_once``:
claim, quiet hours, send, record) on a SQLite file, by a newly made worker (no
connection open, no address checked yet). The two are timed in turn, a batch at a time
(``timed_round``), for ``ROUNDS`` rounds, and the median round is reported. Only the
first round pays for compiling the worker's SQL statements, as a worker process does
once when it starts. The receiver runs in its own process, as a real push service
would, but on the same cores: its CPU time is reported beside the worker's rather than
hidden. It only counts messages here (checking VAPID and decrypting is what the tests
do). Then the same notifications are sent again by two worker processes side by side,
one per core, as the production shape runs them; that figure is reported beside the
one-worker figure, not instead of it, since the encryption it is compared with runs in
one process. Not a test: run it with
``.venv/bin/python -m bench.push [--subscriptions 1000]``; writes bench/results/push.json.
"""

import argparse
import gc
import json
import multiprocessing
import os
import tempfile
import time
import urllib.request
from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from pywebpush import WebPusher
from sqlalchemy import delete, update

from app import create_app
from app.extensions import db
from app.instance import generate_vapid_keys
from app.models import Notification, PushDelivery, PushSubscription, Role, Unit, User
from app.services.notifications import queue_notification
from app.services.push_delivery import make_worker, payload_for
from tests.support.push_receiver import PushReceiver, device_keys

ROUNDS = 5


def serve_receiver(public_key: str, subject: str, urls) -> None:
    """The push service, in its own process (no shared interpreter lock)."""
    with PushReceiver(public_key, subject, verify=False) as receiver:
        urls.put(receiver.url)
        receiver.thread.join()


def cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of another process (Linux), or None where unknown."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def build(count: int, receiver_url: str) -> list[tuple[dict, str]]:
    """One peer worker per subscription, each with one notification waiting. Returns
    each subscription with the exact payload the worker will send it."""
    unit = Unit(slug="bench", name="Bench unit")
    db.session.add(unit)
    db.session.flush()
    messages = []
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
        db.session.add(
            PushSubscription(
                unit_id=unit.id,
                user_id=user.id,
                endpoint=info["endpoint"],
                device_label="Phone",
                **info["keys"],
            )
        )
        row = queue_notification(user, "booking.created", url="/peer/", time="14:30", day="Tuesday")
        messages.append((info, row))
    db.session.commit()
    return [(info, payload_for(row)) for info, row in messages]


def passes(worker) -> int:
    """Passes back to back, as ``flask push worker`` runs them, until one finds nothing
    to claim. Returns how many were sent."""
    sent = 0
    while (report := worker.run_pass()).claimed:
        sent += report.sent
    return sent


def send_again() -> None:
    """Make every notification due again, as if never sent, for the next timed part."""
    db.session.execute(delete(PushDelivery))
    db.session.execute(
        update(Notification).values(
            status="pending", claim_token=None, claimed_at=None, sent_at=None, attempts=0
        )
    )
    db.session.commit()


def _worker_process(app, results) -> None:
    """One ``flask push worker`` process: passes until one finds nothing to claim."""
    with app.app_context():
        db.engine.dispose(close=False)  # connections are not shared with the parent
        cpu = time.process_time()
        sent = passes(make_worker())
        results.put((sent, time.process_time() - cpu))


def deliver_in_processes(app, count: int, processes: int) -> tuple[float, float]:
    """Several worker processes side by side, as the production shape runs one per
    core; each claims its own batches. Returns (seconds, their CPU seconds)."""
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=_worker_process, args=(app, results))
        for _ in range(processes)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    done = [results.get(timeout=120) for _ in workers]
    seconds = time.perf_counter() - started
    for worker in workers:
        worker.join()
    sent = sum(s for s, _ in done)
    if sent != count:
        raise SystemExit(f"{processes} workers sent {sent} of {count}")
    return seconds, sum(cpu for _, cpu in done)


def timed_round(messages: list[tuple[dict, str]], receiver_pid: int) -> dict:
    """Encryption alone and delivery by a new worker of the same notifications, timed in
    turn a batch at a time: pywebpush encrypts the next pass's messages, then the worker
    runs that pass. Both sides so meet the same moments of a shared machine, whose speed
    drifts from one second to the next. Then the notifications are made due again."""
    count, batch = len(messages), current_app.config["PUSH_BATCH_SIZE"]
    worker = make_worker()
    encrypt_seconds = deliver_seconds = encrypt_cpu = worker_cpu = 0.0
    # Collected beforehand, so that neither side pays for what building the data left:
    # the 3,000 rows just made would otherwise bring on a full collection mid-run
    # (about 0.15 ms a message here), where a running worker meets one only every few
    # thousand messages.
    gc.collect()
    receiver_cpu = cpu_seconds(receiver_pid)
    sent = 0
    for start in range(0, count, batch):
        cpu, started = time.process_time(), time.perf_counter()
        encrypt_all(messages[start : start + batch])
        encrypt_seconds += time.perf_counter() - started
        encrypt_cpu += time.process_time() - cpu
        cpu, started = time.process_time(), time.perf_counter()
        report = worker.run_pass()
        deliver_seconds += time.perf_counter() - started
        worker_cpu += time.process_time() - cpu
        sent += report.sent
    if sent != count:
        raise SystemExit(f"one worker sent {sent} of {count}")
    after = cpu_seconds(receiver_pid)
    send_again()
    return {
        "delivered": count / deliver_seconds,
        "encryption": count / encrypt_seconds,
        "ratio": encrypt_seconds / deliver_seconds,
        "cpu": (encrypt_cpu, worker_cpu, None if after is None else after - receiver_cpu),
    }


def encrypt_all(messages: list[tuple[dict, str]]) -> None:
    for info, payload in messages:
        WebPusher(info).encode(payload.encode(), content_encoding="aes128gcm")


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
                messages = build(count, receiver_url)
                rounds = [timed_round(messages, service.pid) for _ in range(ROUNDS)]
                db.session.remove()
                db.engine.dispose()
            gc.collect()
            two_seconds, two_cpu = deliver_in_processes(app, count, processes=2)
            with urllib.request.urlopen(f"{receiver_url}/count") as answer:  # noqa: S310
                received = int(answer.read())
            expected = (ROUNDS + 1) * count
            assert received == expected, f"the push service got {received} of {expected}"
        finally:
            service.terminate()
    median = sorted(rounds, key=lambda r: r["ratio"])[len(rounds) // 2]
    each = ", ".join(f"{r['ratio']:.2f}" for r in rounds)  # in the order they ran
    delivered_rate, encrypt_rate, ratio = median["delivered"], median["encryption"], median["ratio"]
    two_rate = count / two_seconds
    encrypt_cpu, worker_cpu, receiver_cpu = median["cpu"]

    def per_message(seconds: float | None) -> float | None:
        return None if seconds is None else round(seconds / count * 1000, 3)

    out = Path(__file__).resolve().parent / "results" / "push.json"
    out.parent.mkdir(exist_ok=True)
    results = {
        "subscriptions": count,
        "delivered_per_second": round(delivered_rate, 1),
        "encryption_per_second": round(encrypt_rate, 1),
        "ratio": round(ratio, 3),
        "ratios_of_rounds": [round(r["ratio"], 3) for r in rounds],  # in the order they ran
        "two_workers_delivered_per_second": round(two_rate, 1),
        "two_workers_ratio": round(two_rate / encrypt_rate, 3),
        "budget": 0.5,
        "cores": os.cpu_count(),
        "cpu_ms_per_message": {
            "encryption_alone": per_message(encrypt_cpu),
            "worker": per_message(worker_cpu),
            "two_workers": per_message(two_cpu),
            "receiver": per_message(receiver_cpu),
        },
    }
    out.write_text(json.dumps(results, indent=2))
    cpu = results["cpu_ms_per_message"]
    print(f"push delivered:       {delivered_rate:8.1f} notifications/s ({count} subscriptions)")
    print(f"pywebpush encryption: {encrypt_rate:8.1f} messages/s (the same payloads)")
    print(
        f"CPU per message: worker {cpu['worker']} ms (encryption alone {cpu['encryption_alone']}"
        f" ms); the local receiver {cpu['receiver']} ms, in its own process on the same"
        f" {os.cpu_count()} cores"
    )
    print(
        f"ratio delivered/encryption: {ratio:.2f}, the median of {ROUNDS} rounds"
        f" ({each}) (budget: at least 0.50) "
        f"{'OK' if ratio >= 0.5 else 'BELOW BUDGET'}"
    )
    print(
        f"two worker processes side by side (one per core): {two_rate:.1f} notifications/s,"
        f" ratio {two_rate / encrypt_rate:.2f}, CPU {cpu['two_workers']} ms per message"
    )


if __name__ == "__main__":
    main()
