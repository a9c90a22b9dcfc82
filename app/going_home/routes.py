"""Her plan for going home: she reads and changes it; so do her unit's peer workers, with
her. Her pages may be kept on her phone for offline use (app/security.py marks every page
of a mother's so); a peer worker's pages never are."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404, role_required
from app.extensions import db
from app.forms import refuse, render_form
from app.going_home import bp
from app.going_home.forms import PlanForm
from app.models import Role, User
from app.services import clock, going_home
from app.services.errors import DomainError


def _mother_or_404(mother_id: int) -> User:
    mother = get_in_unit_or_404(User, mother_id, User.role == Role.MOTHER.value)
    if not going_home.may_use(current_user, mother):
        abort(404)
    return mother


def _plan_page(mother: User, template: str, **links):
    plan = going_home.plan_of(mother)
    going_home.plan_read(current_user, mother)
    page = render_template(
        template,
        mother=mother,
        plan=plan,
        contacts=going_home.plan_contacts(mother, plan, clock.local_today(mother.unit)),
        sessions=going_home.phone_sessions(mother),
        **links,
    )
    db.session.commit()  # the read, for a peer worker
    return page


def _edit(mother: User, page: str, done: str, back: str):
    plan = going_home.plan_of(mother)
    form = PlanForm(obj=plan)
    if request.method == "GET":
        going_home.plan_read(current_user, mother)
    elif form.validate_on_submit():
        words = {name: form[name].data or "" for name in going_home.FIELDS}
        try:
            going_home.save_plan(current_user, mother, **words)
        except DomainError as error:
            refuse(form, error, "what_helped")
        else:
            db.session.commit()
            flash("Your plan is saved." if mother.id == current_user.id else "Her plan is saved.")
            return redirect(done)
    page = render_form(
        "going_home/edit.html",
        form,
        mother=mother,
        plan=plan,
        action=page,
        back=back,
        limit=going_home.SECTION_LENGTH,
    )
    if request.method == "GET":
        db.session.commit()  # the read, for a peer worker, once the page is rendered
    return page


@bp.route("/me/plan")
@role_required("mother")
def plan():
    return _plan_page(current_user, "going_home/plan.html", edit_url=url_for("going_home.edit"))


@bp.route("/me/plan/edit", methods=["GET", "POST"])
@role_required("mother")
def edit():
    done = url_for("going_home.plan")
    return _edit(current_user, url_for("going_home.edit"), done, done)


@bp.route("/peer/mothers/<int:mother_id>/plan")
@role_required("peer_worker")
def peer_plan(mother_id: int):
    mother = _mother_or_404(mother_id)
    return _plan_page(
        mother,
        "going_home/plan.html",
        edit_url=url_for("going_home.peer_edit", mother_id=mother.id),
    )


@bp.route("/peer/mothers/<int:mother_id>/plan/edit", methods=["GET", "POST"])
@role_required("peer_worker")
def peer_edit(mother_id: int):
    mother = _mother_or_404(mother_id)
    done = url_for("going_home.peer_plan", mother_id=mother.id)
    return _edit(mother, url_for("going_home.peer_edit", mother_id=mother.id), done, done)
