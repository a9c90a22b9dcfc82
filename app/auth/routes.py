from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp
from app.auth.device import remember_device, this_device
from app.auth.forms import ActivateForm, SignInForm
from app.auth.two_step import start_second_step
from app.extensions import db, limiter
from app.forms import ConfirmForm
from app.peer_support.forms import NameShownForm
from app.security import idle_seconds_left, start_session
from app.services.accounts import activate_account
from app.services.errors import DomainError
from app.services.links import same_site_path
from app.services.sign_in import SignInRefused, authenticate
from app.services.sign_in_sessions import end_sessions, end_this_session, open_session, sessions_of

HOMES = {"mother": "bookings.home", "peer_worker": "caseload.home", "staff": "staff.home"}


def home_url_for(user) -> str:
    return url_for(HOMES[user.role])


def sign_in_as(user, response):
    """Start her session; the response carries a new device cookie for this browser."""
    open_session(user)
    db.session.commit()
    start_session(user)
    login_user(user)
    remember_device(response, user)
    return response


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    return redirect(url_for("auth.sign_in"))


@bp.route("/sign-in", methods=["GET", "POST"])
# Per address, far above a ward on one Wi-Fi: guessing is slowed per account instead.
@limiter.limit("60 per minute", methods=["POST"])
def sign_in():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    form = SignInForm()
    if form.validate_on_submit():
        try:
            address = request.remote_addr or ""
            user = authenticate(form.username.data, form.password.data, address, this_device())
        except SignInRefused as refused:
            db.session.commit()  # keep the failure count
            form.form_errors.append(refused.message)
        else:
            db.session.commit()
            if user.mfa_enabled:
                return start_second_step(user, same_site_path(request.args.get("next")))
            current_app.logger.info("sign-in user_id=%s", user.id)
            next_page = same_site_path(request.args.get("next"))
            return sign_in_as(user, redirect(next_page or home_url_for(user)))
    return render_template("auth/sign_in.html", form=form), 200 if not form.errors else 400


@bp.route("/sign-out", methods=["POST"])
def sign_out():
    if current_user.is_authenticated:
        end_this_session(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash("You have signed out.")
    return redirect(url_for("auth.sign_in"))


@bp.route("/session")
def session_state():
    """Whether this browser is still signed in. A page asks when the phone comes back
    online, and forgets the pages kept on it if not."""
    return ("", 204) if current_user.is_authenticated else ("", 401)


@bp.route("/session/keep-alive", methods=["POST"])
def keep_alive():
    """The warning's "Stay signed in": the request itself renews the idle clock
    (app.security). Signed out already, the page goes to the sign-in page, which says why;
    a redirect from here would add "Sign in to see this page" to that."""
    if not current_user.is_authenticated:
        return {"seconds_left": 0}, 401, {"Cache-Control": "no-store"}
    return {"seconds_left": idle_seconds_left()}, 200, {"Cache-Control": "no-store"}


@bp.route("/activate", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"])
def activate():
    form = ActivateForm()
    if request.method == "GET" and request.args.get("code"):
        form.code.data = request.args["code"][:30]
    if form.validate_on_submit():
        try:
            user = activate_account(form.code.data, form.password.data)
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "code").errors.append(refused.message)
        else:
            db.session.commit()
            ready = (
                f"Your account is ready. Your username is {user.username}: "
                "you will need it next time you sign in."
            )
            if user.mfa_enabled:  # a new code sets a password, never skips the second step
                response = start_second_step(user)
                flash(f"{ready} To finish signing in, enter the code from your app.")
                return response
            response = sign_in_as(user, redirect(home_url_for(user)))
            flash(ready)
            return response
    status = 200 if not form.errors else 400
    # The code may be in the address: never pass it on to another page.
    return (
        render_template("auth/activate.html", form=form),
        status,
        {"Referrer-Policy": "no-referrer"},
    )


@bp.route("/account")
@login_required
def account():
    name_form = None
    if current_user.is_peer_worker:
        name_form = NameShownForm(
            to_mothers=current_user.name_shown_to_mothers,
            to_visitors=current_user.name_shown_to_visitors,
        )
    return render_template(
        "auth/account.html",
        sessions=sessions_of(current_user),
        form=ConfirmForm(),
        name_form=name_form,
    )


@bp.route("/sign-out/everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    if ConfirmForm().validate_on_submit():
        end_sessions(current_user)
        db.session.commit()
        logout_user()
        session.clear()
        flash("You have signed out on every device, this one too.")
        return redirect(url_for("auth.sign_in"))
    return redirect(url_for("auth.account"))
