""" "Support for you": staff keep the list of where partners can get help (see
app/services/partner_support.py)."""

from flask import flash, redirect, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.confirm import confirm_page
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.models import PartnerSupport
from app.services.errors import DomainError
from app.services.partner_support import (
    MOST_ENTRIES,
    add_entry,
    change_entry,
    move_entry,
    remove_entry,
    start_own_list,
    stored_entries,
    support_for_partners,
)
from app.staff import bp
from app.staff.forms import PartnerSupportForm


def _fields(form) -> tuple:
    return (
        form.name.data,
        form.description.data or "",
        form.phone.data or "",
        form.link.data or "",
    )


def _refused(form, refused: DomainError):
    db.session.rollback()
    getattr(form, refused.field or "name").errors.append(refused.message)


@bp.route("/partner-support", methods=["GET", "POST"])
def partner_support():
    unit = current_user.unit
    form = PartnerSupportForm()
    if form.validate_on_submit():
        try:
            add_entry(current_user, unit, *_fields(form))
        except DomainError as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash('Added. Visitors see it under "Support for you".')
            return redirect(url_for("staff.partner_support"))
    return render_form(
        "staff/partner_support.html",
        form,
        stored=stored_entries(unit),
        defaults=support_for_partners(unit),
        most_entries=MOST_ENTRIES,
        confirm_form=ConfirmForm(),
    )


@bp.route("/partner-support/own-list", methods=["POST"])
def partner_support_own_list():
    if ConfirmForm().validate_on_submit():
        start_own_list(current_user, current_user.unit)
        db.session.commit()
        flash("You can now change, order or remove each entry.")
    return redirect(url_for("staff.partner_support"))


@bp.route("/partner-support/<int:entry_id>", methods=["GET", "POST"])
def partner_support_entry(entry_id: int):
    entry = get_in_unit_or_404(PartnerSupport, entry_id)
    form = PartnerSupportForm(obj=entry)
    if form.validate_on_submit():
        try:
            change_entry(current_user, entry, *_fields(form))
        except DomainError as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash("Saved.")
            return redirect(url_for("staff.partner_support"))
    return render_form("staff/partner_support_entry.html", form, entry=entry)


@bp.route("/partner-support/<int:entry_id>/remove", methods=["GET", "POST"])
def remove_partner_support(entry_id: int):
    entry = get_in_unit_or_404(PartnerSupport, entry_id)
    if request.method == "GET":
        return confirm_page(
            f"remove {entry.name} from the list",
            ['Visitors will no longer see it under "Support for you".'],
            action=url_for("staff.remove_partner_support", entry_id=entry.id),
            go_back=url_for("staff.partner_support"),
            button="Yes, remove it",
        )
    if ConfirmForm().validate_on_submit():
        remove_entry(current_user, entry)
        db.session.commit()
        flash(f"{entry.name} is removed from the list.")
    return redirect(url_for("staff.partner_support"))


@bp.route("/partner-support/<int:entry_id>/move", methods=["POST"])
def move_partner_support(entry_id: int):
    entry = get_in_unit_or_404(PartnerSupport, entry_id)
    if ConfirmForm().validate_on_submit():
        move_entry(current_user, current_user.unit, entry, request.form.get("direction", ""))
        db.session.commit()
    return redirect(url_for("staff.partner_support"))
