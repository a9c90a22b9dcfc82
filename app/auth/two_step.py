"""Two-step sign-in pages: the code after the password, and setting it up."""

import segno
from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from app.auth import bp
from app.auth.forms import SecondStepForm
from app.extensions import db, limiter
from app.forms import render_form
from app.security import timestamp
from app.services import mfa
from app.services.errors import DomainError
from app.services.links import same_site_path
from app.services.sign_in import (
    SignInRefused,
    check_second_step_allowed,
    record_second_step_failure,
)

PENDING_SECONDS = 300
SETUP_ENDPOINTS = {
    "auth.account",
    "auth.two_step",
    "auth.two_step_start",
    "auth.two_step_confirm",
    "auth.sign_out",
    "auth.keep_alive",
    "pwa.help",
}


def start_second_step(user, next_page: str | None = None):
    """The password was right: remember who, briefly, and ask for the code. ``next_page``
    (already checked by ``same_site_path``) is where she was going, such as a notification's
    page; it is checked again when used."""
    session.clear()
    session["pending_user"] = user.id
    session["pending_at"] = timestamp()
    if next_page:
        session["pending_next"] = next_page
    return redirect(url_for("auth.second_step"))


def _pending_user():
    from app.auth.loader import load_pending_user

    pending = session.get("pending_user")
    if not pending or timestamp() - session.get("pending_at", 0) > PENDING_SECONDS:
        return None
    return load_pending_user(pending)


@bp.route("/sign-in/two-step", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def second_step():
    from app.auth.routes import home_url_for, sign_in_as

    user = _pending_user()
    if user is None:
        session.clear()
        return redirect(url_for("auth.sign_in"))
    form = SecondStepForm()
    if form.validate_on_submit():
        address = request.remote_addr or ""
        try:
            check_second_step_allowed(user, address)
            if not mfa.verify_second_step(user, form.code.data):
                raise DomainError(mfa.WRONG_CODE)
        except DomainError as refused:
            if not isinstance(refused, SignInRefused):  # not throttled: a wrong code
                record_second_step_failure(user, address)
            db.session.commit()  # keep the failure count
            form.code.errors.append(refused.message)
        else:
            db.session.commit()
            next_page = same_site_path(session.get("pending_next"))
            # A fresh session: the pending values go.
            return sign_in_as(user, redirect(next_page or home_url_for(user)))
    return render_form("auth/second_step.html", form)


def require_enrolment():
    """When the unit requires it, staff and peer workers set up two-step sign-in first."""
    if (
        current_user.is_authenticated
        and request.endpoint not in SETUP_ENDPOINTS
        and request.endpoint != "static"
        and mfa.must_enrol(current_user)
    ):
        return redirect(url_for("auth.two_step"))
    return None


@bp.route("/account/two-step")
@login_required
def two_step():
    return render_template("auth/two_step.html", required=mfa.must_enrol(current_user))


@bp.route("/account/two-step/start", methods=["POST"])
@login_required
def two_step_start():
    try:
        uri = mfa.begin_enrolment(current_user)
    except DomainError:
        db.session.rollback()
        return redirect(url_for("auth.two_step"))
    db.session.commit()
    return _render_setup(SecondStepForm(formdata=None), uri)


def _render_setup(form, uri):
    secret = current_user.totp_secret
    return render_form(
        "auth/two_step_setup.html",
        form,
        qr_svg=segno.make(uri, error="m").svg_data_uri(scale=4, border=2),
        otpauth_uri=uri,
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


@bp.route("/account/two-step/confirm", methods=["POST"])
@login_required
def two_step_confirm():
    if current_user.mfa_enabled or not current_user.totp_secret:
        return redirect(url_for("auth.two_step"))
    form = SecondStepForm()
    if form.validate_on_submit():
        try:
            codes = mfa.confirm_enrolment(current_user, form.code.data)
        except DomainError as refused:
            db.session.commit()  # keep the used time step
            form.code.errors.append(refused.message)
        else:
            db.session.commit()  # her other sessions have ended; this one goes on
            current_app.logger.info("two-step sign-in enabled user_id=%s", current_user.id)
            return render_template("auth/recovery_codes.html", codes=codes)
    return _render_setup(form, mfa.provisioning_uri(current_user))
