"""``flask push worker`` and ``flask push run-once``: deliver the notification outbox."""

import signal
import time

import click
from flask import current_app

from app.extensions import db
from app.push import bp
from app.push.worker import make_sender, make_worker, run_once

bp.cli.short_help = "Send push notifications."


def _describe(report) -> str:
    return (
        f"reminders queued {report.generated}, released after quiet hours {report.released}, "
        f"sent {report.sent}, held {report.held}, retrying {report.retrying}, "
        f"failed {report.failed}, no device {report.skipped}"
    )


@bp.cli.command("run-once")
def run_once_command():
    """Do one pass: queue due reminders, then send what is due."""
    report = run_once(make_sender())
    db.session.remove()
    click.echo(_describe(report))


@bp.cli.command("worker")
@click.option("--poll", type=float, default=None, help="Seconds to wait when idle.")
def worker_command(poll):
    """Keep sending until stopped (Ctrl-C or SIGTERM). Safe to run more than one."""
    poll = poll or current_app.config["PUSH_POLL_SECONDS"]
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    worker = make_worker(poll)
    sender = worker.sender
    click.echo("Push worker started." if sender else "Push worker started without VAPID keys.")
    try:
        while not stopping:
            try:
                report = worker.run_pass()
            except Exception:
                db.session.rollback()
                current_app.logger.exception("push: pass failed")
                report = None
            finally:
                db.session.remove()
            if report is None or not report.total():
                time.sleep(poll)
    except KeyboardInterrupt:
        pass
    if sender is not None:
        sender.close()
    click.echo("Push worker stopped.")
