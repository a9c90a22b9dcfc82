"""Staff keep the visitors' page up to date and print its QR code."""

import segno
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.access import role_required
from app.extensions import db
from app.forms import render_form
from app.public_address import public_url
from app.services.unit_info import update_public_information
from app.timetable import bp
from app.timetable.forms import UnitInfoForm


@bp.route("/visitors", methods=["GET", "POST"])
@role_required("staff")
def visitor_info():
    unit = current_user.unit
    form = UnitInfoForm(obj=unit)
    if form.validate_on_submit():
        update_public_information(
            current_user,
            form.visiting_hours.data,
            form.address.data or "",
            form.public_info.data or "",
            form.phone.data or "",
            family_rooms=form.family_rooms.data or "",
        )
        db.session.commit()
        flash("The visitors' page is updated.")
        return redirect(url_for("timetable.visitor_info"))
    return render_form("timetable/visitor_info.html", form, unit=unit)


@bp.route("/visitors/poster")
@role_required("staff")
def visitor_poster():
    unit = current_user.unit
    page_url = public_url("visitors.unit_page", slug=unit.slug)
    qr = segno.make(page_url, error="m")
    return render_template(
        "timetable/poster.html",
        unit=unit,
        page_url=page_url,
        qr_svg=qr.svg_data_uri(scale=8, border=2),
    )
