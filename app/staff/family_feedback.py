"""Staff run family feedback: the visitors' room code, changed every month, and its poster."""

import segno
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.confirm import confirm_page
from app.extensions import db
from app.forms import ConfirmForm
from app.public_address import public_url
from app.services.family_feedback import change_code, code_needs_changing, current_code
from app.staff import bp


def format_code(code: str) -> str:
    """ "ACDFK7" is shown "ACD FK7": easier to read off a poster and to type."""
    return f"{code[:3]} {code[3:]}"


@bp.route("/family-feedback")
def family_feedback():
    unit = current_user.unit
    code = current_code(unit)
    return render_template(
        "staff/family_feedback.html",
        code=code,
        shown_code=format_code(code.code) if code else None,
        needs_changing=code_needs_changing(unit),
    )


@bp.route("/family-feedback/new-code", methods=["GET", "POST"])
def new_family_feedback_code():
    if request.method == "GET":
        return confirm_page(
            "make a new code",
            [
                "The code on the poster in the visitors' room stops working straight away.",
                "Print the new poster and put it up, so that visitors can give feedback.",
            ],
            action=url_for("staff.new_family_feedback_code"),
            go_back=url_for("staff.family_feedback"),
            button="Yes, make a new code",
        )
    if ConfirmForm().validate_on_submit():
        change_code(current_user, current_user.unit)
        db.session.commit()
        flash("There is a new code. Print the poster and put it up in the visitors' room.")
    return redirect(url_for("staff.family_feedback"))


@bp.route("/family-feedback/poster")
def family_feedback_poster():
    unit = current_user.unit
    code = current_code(unit)
    if code is None or code_needs_changing(unit):
        flash("Make this month's code first, then print the poster.")
        return redirect(url_for("staff.family_feedback"))
    page_url = public_url("visitors.family_feedback", slug=unit.slug)
    return render_template(
        "staff/family_feedback_poster.html",
        unit=unit,
        code=code,
        shown_code=format_code(code.code),
        page_url=page_url,
        short_url=page_url.split("://", 1)[1],
        qr_svg=segno.make(page_url, error="m").svg_data_uri(scale=6, border=2),
    )
