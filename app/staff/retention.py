"""The unit's retention period, set by staff; `flask retention purge` applies it."""

from flask import flash, redirect, url_for
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.forms import render_form
from app.services import retention
from app.services.errors import DomainError
from app.staff import bp
from app.staff.forms import RetentionForm


@bp.route("/retention", methods=["GET", "POST"])
@role_required("staff")
def retention_settings():
    unit = current_user.unit
    form = RetentionForm(data={"retention_months": unit.retention_months})
    if form.validate_on_submit():
        try:
            retention.set_retention_months(current_user, form.retention_months.data)
        except DomainError as refused:
            db.session.rollback()
            form.retention_months.errors.append(refused.message)
        else:
            db.session.commit()
            flash(f"Saved. Records are kept for {unit.retention_months} months after support ends.")
            return redirect(url_for("staff.retention_settings"))
    return render_form("staff/retention.html", form)
