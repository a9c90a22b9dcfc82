"""Getting involved: a mother leaves a contact to hear about ways to get involved
(volunteering, peer work), or takes it back; staff see who did. Kept apart from the
feedback itself: nothing here reads or writes feedback."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.extensions import db
from app.feedback import bp, staff_bp
from app.feedback.forms import InvolvementForm
from app.forms import ConfirmForm, render_form
from app.services.involvement import (
    interest_of,
    interests_for_staff,
    involvement_audit_trail,
    save_interest,
    withdraw_interest,
)


@bp.route("/get-involved", methods=["GET", "POST"])
def get_involved():
    interest = interest_of(current_user)
    form = InvolvementForm(data={"contact": interest.contact} if interest else None)
    if form.validate_on_submit():
        save_interest(current_user, form.contact.data)
        db.session.commit()
        flash("Thank you. Staff will contact you when there is a way to get involved.")
        return redirect(url_for("feedback.get_involved"))
    return render_form(
        "feedback/involvement.html", form, interest=interest, withdraw_form=ConfirmForm()
    )


@bp.route("/get-involved/withdraw", methods=["POST"])
def withdraw_involvement():
    if ConfirmForm().validate_on_submit() and withdraw_interest(current_user):
        db.session.commit()
        flash("Done. We have deleted your contact details and will not contact you about this.")
    return redirect(url_for("feedback.get_involved"))


@staff_bp.route("/involvement")
def involvement():
    interests = interests_for_staff(current_user)
    db.session.commit()  # the view itself is in the audit trail
    return render_template(
        "feedback_staff/involvement.html",
        interests=interests,
        trail=involvement_audit_trail(current_user.unit_id),
    )
