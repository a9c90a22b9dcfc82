"""Benchmark: push notifications delivered per second to the local receiver, and the time
from an outbox row's commit to its arrival there.

Budget (QUALITY.md): at least 300 notifications a second through pywebpush's own request
path, and at most 3 s from an outbox row's commit to its arrival (p95). The worker runs
as ``make run`` starts it: ``flask --app wsgi push worker`` processes with the default
poll, batch size and sending threads, over a SQLite file (the embedded default), in the
test configuration (the only one that allows the local receiver's address). The receiver
(tests/support/push_receiver.py) runs in its own process on the same cores; here it only
counts messages (checking VAPID and decrypting them is what the tests do).

Each notification goes to a device of its own, so an arrival names its row. Two parts:
- backlog: ``--backlog`` notifications committed in one transaction; the rate is how many
  arrived over the time from the first arrival to the last.
- stream: one notification per transaction, as the web app writes them, ``--rate`` a
  second for ``--seconds``; the time from each one's commit to its arrival (p50, p95).
  An idle worker looks for work every PUSH_POLL_SECONDS, which bounds most of it.

Run ``.venv/bin/python -m bench.push [--workers 1 2]``; writes bench/results/push.json.
"""

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.instance import generate_vapid_keys
from app.models import Role
from app.services.notifications import queue_notification
from config import Config
from tests.factories import PushSubscriptionFactory, UnitFactory, UserFactory
from tests.support.push_receiver import PushReceiver, device_keys

ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-only-secret-key-0123456789abcdef"  # noqa: S105


def serve_receiver(public_key: str, subject: str, urls) -> None:
    """The push service, in its own process (no shared interpreter lock)."""
    with PushReceiver(public_key, subject, verify=False) as receiver:
        urls.put(receiver.url)
        receiver.thread.join()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process (Linux)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def arrivals(receiver_url: str) -> dict[str, float]:
    with urllib.request.urlopen(f"{receiver_url}/arrivals") as answer:  # noqa: S310
        return dict(json.loads(answer.read()))


def wait_for(receiver_url: str, devices: list[str], timeout: float = 300) -> dict[str, float]:
    """When each of ``devices`` got its message, once all have."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = arrivals(receiver_url)
        if all(device in seen for device in devices):
            return {device: seen[device] for device in devices}
        time.sleep(0.25)
    missing = [device for device in devices if device not in arrivals(receiver_url)]
    raise SystemExit(f"{len(missing)} of {len(devices)} notifications never arrived")


class Recipient(NamedTuple):
    """What queueing a notification reads of her: no ORM object, whose loading would
    begin a read transaction the worker's writes could then make fail on SQLite."""

    id: int
    unit_id: int


def build(count: int, receiver_url: str, run: str) -> list[tuple[Recipient, str]]:
    """``count`` peer workers with one subscribed device each, named after the ``run``:
    (person, device name)."""
    unit = UnitFactory(slug="bench", name="Bench unit")
    people = UserFactory.build_batch(count, unit=unit, role=Role.PEER_WORKER, password=None)
    db.session.add_all(people)
    db.session.flush()
    db.session.add_all(
        PushSubscriptionFactory.build(
            user=person, endpoint=f"{receiver_url}/push/{run}-{i}", **device_keys()[2]
        )
        for i, person in enumerate(people)
    )
    found = [(Recipient(person.id, unit.id), f"{run}-{i}") for i, person in enumerate(people)]
    db.session.commit()
    return found


def notify(person) -> None:
    queue_notification(person, "booking.created", url="/peer/", time="14:30", day="Tuesday")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def start_workers(count: int, env: dict) -> list[subprocess.Popen]:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "push", "worker"]
    return [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        for _ in range(count)
    ]


def stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def measure(workers: int, args, database_url: str, folder: str, keys, receiver_url: str) -> dict:
    private, public = keys
    env = {
        **os.environ,
        "APP_ENV": "test",
        "TEST_DATABASE_URL": database_url,
        "VAPID_PRIVATE_KEY": private,
        "VAPID_PUBLIC_KEY": public,
        "INSTANCE_PATH": folder,
    }
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": SECRET_KEY})
    with app.app_context():
        upgrade()
        people = build(1 + args.backlog + args.rate * args.seconds, receiver_url, f"w{workers}")
        warm_up, backlog = people[:1], people[1 : 1 + args.backlog]
        stream = people[1 + args.backlog :]
        running = start_workers(workers, env)
        try:
            # The first message waits for the workers to start; then they are idle.
            notify(warm_up[0][0])
            db.session.commit()
            wait_for(receiver_url, [warm_up[0][1]], timeout=120)

            cpu = sum(cpu_seconds(w.pid) for w in running)
            for person, _ in backlog:
                notify(person)
            db.session.commit()
            committed = time.time()
            got = wait_for(receiver_url, [device for _, device in backlog])
            worker_cpu = sum(cpu_seconds(w.pid) for w in running) - cpu
            first, last = min(got.values()), max(got.values())
            backlog_waits = [at - committed for at in got.values()]

            commits = {}
            started = time.monotonic()
            for k, (person, device) in enumerate(stream):
                time.sleep(max(0.0, started + k / args.rate - time.monotonic()))
                notify(person)
                db.session.commit()
                commits[device] = time.time()
            got = wait_for(receiver_url, list(commits))
            stream_waits = [got[device] - at for device, at in commits.items()]
        finally:
            stop(running)
        db.session.remove()
        db.engine.dispose()
    return {
        "workers": workers,
        "backlog": args.backlog,
        "delivered_per_second": round((len(backlog) - 1) / (last - first), 1),
        "backlog_seconds_from_commit_to_last_arrival": round(last - committed, 2),
        "backlog_p95_seconds": round(percentile(backlog_waits, 0.95), 2),
        "worker_cpu_ms_per_message": round(worker_cpu / len(backlog) * 1000, 2),
        "stream_per_second": args.rate,
        "stream_messages": len(stream),
        "stream_p50_seconds": round(percentile(stream_waits, 0.50), 2),
        "stream_p95_seconds": round(percentile(stream_waits, 0.95), 2),
        "stream_max_seconds": round(max(stream_waits), 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--backlog", type=int, default=1000)
    parser.add_argument("--rate", type=int, default=50, help="stream: notifications a second")
    parser.add_argument("--seconds", type=int, default=10, help="stream: how long")
    args = parser.parse_args()
    keys = generate_vapid_keys()
    urls = multiprocessing.Queue()
    service = multiprocessing.Process(
        target=serve_receiver, args=(keys[1], Config.VAPID_SUBJECT, urls)
    )
    service.start()
    results = []
    try:
        receiver_url = urls.get(timeout=30)
        for workers in args.workers:
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
                results.append(measure(workers, args, url, folder, keys, receiver_url))
    finally:
        service.terminate()
        service.join()
    out = ROOT / "bench" / "results" / "push.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cores": os.cpu_count(), "runs": results}, indent=2))
    for r in results:
        rate_ok = r["delivered_per_second"] >= 300
        p95_ok = r["stream_p95_seconds"] <= 3
        print(
            f"push, {r['workers']} worker(s): {r['delivered_per_second']} notifications/s"
            f" over a backlog of {r['backlog']} (budget 300: {'OK' if rate_ok else 'BELOW'}),"
            f" {r['worker_cpu_ms_per_message']} ms CPU each;"
            f" commit to arrival at {r['stream_per_second']}/s: p50 {r['stream_p50_seconds']} s,"
            f" p95 {r['stream_p95_seconds']} s (budget 3 s: {'OK' if p95_ok else 'ABOVE'}),"
            f" max {r['stream_max_seconds']} s; the backlog's last arrived"
            f" {r['backlog_seconds_from_commit_to_last_arrival']} s after its commit"
        )


if __name__ == "__main__":
    main()
