from flask import render_template
from flask_login import current_user

from app.access import role_required
from app.mother import bp
from app.services import clock


@bp.route("/")
@role_required("mother")
def home():
    return render_template("mother/home.html", today=clock.local_today(current_user.unit))
