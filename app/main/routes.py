from flask import redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select

from app.auth.routes import home_url_for
from app.extensions import db
from app.main import bp
from app.models import Unit


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    return redirect(url_for("auth.sign_in"))


@bp.route("/units")
def units():
    found = db.session.scalars(select(Unit).order_by(Unit.name)).all()
    return render_template("main/units.html", units=found)


@bp.route("/help")
def help():
    return render_template("main/help.html")
