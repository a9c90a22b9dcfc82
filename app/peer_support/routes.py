from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.access import role_required
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.models.peer_support import AUDIENCES
from app.peer_support import bp
from app.peer_support.forms import AboutTextForm, NameShownForm
from app.services import clock, peer_support
from app.services.peer_support import about_text, text_blocks, who_is_in

EDITORS = ("staff", "peer_worker")
# Each audience's page title, and where its text is read.
TITLES = {
    "mothers": "About peer support",
    "visitors": "Peer support, on the visitors' page",
    "team": "Working with peer workers",
}


def _page_of(audience: str) -> str:
    if audience == "visitors":
        return url_for("visitors.unit_page", slug=current_user.unit.slug)
    return url_for("peer_support.team" if audience == "team" else "peer_support.about")


@bp.route("/")
@login_required
def about():
    """The mothers' version, with who is in; at her first sign-in, one tap to carry on."""
    unit = current_user.unit
    return render_template(
        "peer_support/about.html",
        blocks=text_blocks(about_text(unit, "mothers")),
        who_is_in=who_is_in(unit, clock.local_today(unit)),
        first_look=peer_support.needs_first_look(current_user),
        form=ConfirmForm(),
    )


@bp.route("/seen", methods=["POST"])
@role_required("mother")
def seen():
    if ConfirmForm().validate_on_submit():
        peer_support.mark_about_seen(current_user)
        db.session.commit()
    return redirect(url_for("bookings.home"))


@bp.route("/team")
@role_required(*EDITORS)
def team():
    return render_template(
        "peer_support/team.html",
        blocks=text_blocks(about_text(current_user.unit, "team")),
        titles=TITLES,
    )


@bp.route("/edit/<audience>", methods=["GET", "POST"])
@role_required(*EDITORS)
def edit(audience: str):
    if audience not in AUDIENCES:
        abort(404)
    form = AboutTextForm()
    if form.validate_on_submit():
        peer_support.save_about_text(current_user, audience, form.body.data)
        db.session.commit()
        flash(f"Saved. Everyone who reads \u201c{TITLES[audience]}\u201d now sees your text.")
        return redirect(url_for("peer_support.edit", audience=audience))
    if not form.is_submitted():
        form.body.data = about_text(current_user.unit, audience)
    return render_form(
        "peer_support/edit.html",
        form,
        audience=audience,
        title=TITLES[audience],
        page_url=_page_of(audience),
        is_default=peer_support.is_default(current_user.unit, audience),
        reset_form=ConfirmForm(),
    )


@bp.route("/edit/<audience>/default", methods=["POST"])
@role_required(*EDITORS)
def use_default(audience: str):
    if audience not in AUDIENCES:
        abort(404)
    if ConfirmForm().validate_on_submit():
        peer_support.use_default_text(current_user, audience)
        db.session.commit()
        flash(f"\u201c{TITLES[audience]}\u201d shows the default text again.")
    return redirect(url_for("peer_support.edit", audience=audience))


@bp.route("/my-name", methods=["POST"])
@role_required("peer_worker")
def name_shown():
    form = NameShownForm()
    if form.validate_on_submit():
        peer_support.set_name_shown(current_user, form.to_mothers.data, form.to_visitors.data)
        db.session.commit()
        flash("Saved who can see your name and days.")
    return redirect(url_for("auth.account"))
