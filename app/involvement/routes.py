from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired

from app.access import role_required
from app.extensions import db
from app.forms import PlainText, render_form, strip
from app.involvement import bp
from app.services.involvement import (
    interest_of,
    interests_for_staff,
    involvement_audit_trail,
    save_interest,
    withdraw_interest,
)
from app.staff.forms import ConfirmForm


class InvolvementForm(FlaskForm):
    contact = StringField(
        "How should we contact you?",
        filters=[strip],
        validators=[DataRequired("Enter how we can contact you"), PlainText(200, "Contact")],
    )


@bp.route("/get-involved", methods=["GET", "POST"])
@role_required("mother")
def opt_in():
    interest = interest_of(current_user)
    form = InvolvementForm(data={"contact": interest.contact} if interest else None)
    if form.validate_on_submit():
        save_interest(current_user, form.contact.data)
        db.session.commit()
        flash("Thank you. Staff will contact you when there is a way to get involved.")
        return redirect(url_for("involvement.opt_in"))
    return render_form(
        "involvement/opt_in.html", form, interest=interest, withdraw_form=ConfirmForm()
    )


@bp.route("/get-involved/withdraw", methods=["POST"])
@role_required("mother")
def withdraw():
    if ConfirmForm().validate_on_submit() and withdraw_interest(current_user):
        db.session.commit()
        flash("Done. We have deleted your contact details and will not contact you about this.")
    return redirect(url_for("involvement.opt_in"))


@bp.route("/staff/involvement")
@role_required("staff")
def staff_list():
    interests = interests_for_staff(current_user)
    db.session.commit()  # the view itself is in the audit trail
    return render_template(
        "involvement/staff_list.html",
        interests=interests,
        trail=involvement_audit_trail(current_user.unit_id),
    )
