from datetime import timedelta

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app.access import role_required
from app.extensions import csrf, db
from app.models import Notification, User
from app.public_address import public_base_url
from app.push import bp
from app.push.forms import parse_time, preferences_form_for
from app.services import clock
from app.services.errors import DomainError
from app.services.push_subscriptions import (
    device_of,
    devices_of,
    replace_subscription,
    send_test,
    subscribe_device,
    unsubscribe_device,
)
from app.services.quiet_hours import preference_for, save_preferences

RECENT_DAYS = 14
STATUS_LABELS = {
    "sent": "Sent to your phone",
    "summarised": "Sent in a summary",
    "held": "Waiting for your quiet hours to end",
    "pending": "Sending",
    "sending": "Sending",
    "skipped": "Not sent: notifications are off",
    "failed": "Could not be sent",
}


@bp.route("/notifications")
@login_required
def recent():
    since = clock.now() - timedelta(days=RECENT_DAYS)
    rows = db.session.scalars(
        select(Notification)
        .where(Notification.user_id == current_user.id, Notification.created_at >= since)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(100)
    ).all()
    return render_template("push/recent.html", rows=rows, labels=STATUS_LABELS, days=RECENT_DAYS)


def _settings_page(form, status=200):
    return (
        render_template(
            "push/settings.html",
            form=form,
            devices=devices_of(current_user),
            vapid_public_key=current_app.config.get("VAPID_PUBLIC_KEY") or "",
        ),
        status,
    )


@bp.route("/notifications/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = preferences_form_for(current_user, preference_for(current_user))
    if not form.validate_on_submit():
        return _settings_page(form, 400 if form.errors else 200)
    reminders = getattr(form, "reminders", None)
    save_preferences(
        current_user,
        parse_time(form.quiet_from.data),
        parse_time(form.quiet_until.data),
        reminders_on=None if reminders is None else reminders.data != "off",
        reminder_minutes=None
        if reminders is None or reminders.data == "off"
        else int(reminders.data),
    )
    db.session.commit()
    flash("Your notification choices are saved.")
    return redirect(url_for("push.settings"))


@bp.route("/push/subscriptions", methods=["POST"])
@login_required
def subscribe():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="Send the subscription as JSON"), 400
    try:
        subscription = subscribe_device(
            current_user, body.get("endpoint"), body.get("keys"), str(body.get("label") or "")
        )
    except DomainError as refused:
        db.session.rollback()
        return jsonify(error=refused.message), 400
    db.session.commit()
    return jsonify(id=subscription.id, label=subscription.device_label), 201


def _sent_by_this_site() -> bool:
    """The browser says the request came from a page or worker of this origin: its
    Sec-Fetch-Site header, or, from a browser too old to send that, its Origin header."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    return request.headers.get("Origin") == public_base_url()


@bp.route("/push/subscriptions/replace", methods=["POST"])
@csrf.exempt  # the service worker has no page to read a token from: see the checks
@login_required
def replace_this_device():
    """The service worker reports that the browser replaced a subscription. Instead of the
    form token: JSON only (a cross-site form cannot send it, and a cross-site fetch of it
    needs a CORS preflight this app never allows), from this origin, for her own device."""
    if request.mimetype != "application/json":
        return jsonify(error="Send the subscription as JSON"), 400
    if not _sent_by_this_site():
        return jsonify(error="This request did not come from this app"), 403
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="Send the subscription as JSON"), 400
    try:
        subscription = replace_subscription(
            current_user, body.get("old_endpoint"), body.get("endpoint"), body.get("keys")
        )
    except DomainError as refused:
        db.session.rollback()
        return jsonify(error=refused.message), 400
    db.session.commit()
    current_app.logger.info("push subscription replaced user_id=%s", current_user.id)
    return jsonify(id=subscription.id, label=subscription.device_label)


@bp.route("/push/subscriptions/remove", methods=["POST"])
@login_required
def unsubscribe_this_device():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="Send the subscription as JSON"), 400
    removed = unsubscribe_device(current_user, endpoint=body.get("endpoint"))
    db.session.commit()
    return jsonify(removed=removed)


@bp.route("/notifications/devices/<int:device_id>/remove", methods=["POST"])
@login_required
def remove_device(device_id):
    if not unsubscribe_device(current_user, subscription_id=device_id):
        abort(404)
    db.session.commit()
    flash("Notifications are turned off for that device.")
    return redirect(url_for("push.settings"))


@bp.route("/notifications/devices/<int:device_id>/test", methods=["POST"])
@login_required
def test_device(device_id):
    device = device_of(current_user, device_id)
    if device is None:
        abort(404)
    send_test(current_user, device)
    db.session.commit()
    flash(f"A test notification is on its way to {device.device_label}.")
    return redirect(url_for("push.settings"))


@bp.route("/staff/notifications/failed")
@role_required("staff")
def failed():
    rows = db.session.execute(
        select(Notification, User.display_name)
        .join(User, User.id == Notification.user_id)
        .where(Notification.unit_id == current_user.unit_id, Notification.status == "failed")
        .order_by(Notification.created_at.desc())
        .limit(200)
    ).all()
    return render_template("push/failed.html", rows=rows)
