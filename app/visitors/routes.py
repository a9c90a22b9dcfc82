"""The family visitors' page: public, no account, and never a word about who is admitted."""

from flask import abort, render_template
from sqlalchemy import select

from app.extensions import db
from app.models import Unit
from app.visitors import bp


@bp.route("/<slug>")
def unit_page(slug: str):
    unit = db.session.scalar(select(Unit).where(Unit.slug == slug))
    if unit is None:
        abort(404)
    return render_template("visitors/unit.html", unit=unit)
