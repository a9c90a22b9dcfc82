"""Staff's pages for the unit's people: adding, admitting and discharging, support-until
dates, community teams, contracted hours and line managers, activation codes, closing and
reopening accounts (with what a closed peer worker leaves behind), and two-step resets."""

from datetime import timedelta
from decimal import Decimal

import segno
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.access import get_in_unit_or_404
from app.availability import handover
from app.confirm import confirm_page, confirmed, going_back
from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.models import Role, User
from app.public_address import public_url
from app.services import accounts, clock, mfa, supervision
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.leave import left_behind
from app.services.people import current_people, past_people
from app.staff import bp
from app.staff.forms import (
    AdmitForm,
    CommunityTeamForm,
    ContractedHoursForm,
    DischargeForm,
    LineManagerForm,
    NewPersonForm,
    SupportUntilForm,
)


@bp.route("/people")
def people():
    today = clock.local_today(current_user.unit)
    showing_past = request.args.get("show") == "past"
    found = (past_people if showing_past else current_people)(current_user.unit, today)
    return render_template(
        "staff/people.html", people=found, today=today, showing_past=showing_past
    )


def _show_code(user: User, code: str, is_new: bool):
    activation_url = public_url("auth.activate", code=code)
    qr = segno.make(activation_url, error="m")
    return render_template(
        "staff/code.html",
        person=user,
        code=accounts.format_code(code),
        qr_svg=qr.svg_data_uri(scale=5, border=2),
        activation_url=public_url("auth.activate"),
        expires_on=clock.local_today(current_user.unit) + timedelta(days=7),
        is_new=is_new,
    )


@bp.route("/people/new", methods=["GET", "POST"])
def new_person():
    form = NewPersonForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_account(
                current_user,
                role=Role(form.role.data),
                display_name=form.display_name.data,
                username=form.username.data,
                admitted_on=form.admitted_on.data,
                contracted_minutes=(form.contracted_hours.data or 0) * 60 or None,
            )
            code = accounts.issue_activation_code(current_user, user)
        except DomainError as refused:
            db.session.rollback()
            getattr(form, refused.field or "username").errors.append(refused.message)
        else:
            db.session.commit()
            return _show_code(user, code, is_new=True)
    return render_form("staff/new_person.html", form)


@bp.route("/people/<int:person_id>")
def person(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    record_audit(current_user, "account.viewed", found)
    db.session.commit()
    return _render_person(found)


def _render_person(found: User, failed_choice=None, **refused_forms):
    """The person page; ``refused_forms`` holds a posted form with its errors, shown as typed,
    and ``failed_choice`` a refused choice about what a closed account left behind."""
    today = clock.local_today(current_user.unit)
    behind = left_behind(found) if found.is_peer_worker and not found.active else None
    forms = {
        "discharge_form": DischargeForm(
            formdata=None,
            data={"discharged_on": today, "support_until": today + timedelta(weeks=12)},
        ),
        "admit_form": AdmitForm(formdata=None, data={"admitted_on": today}),
        "support_form": SupportUntilForm(formdata=None, obj=found),
        "team_form": CommunityTeamForm(formdata=None, obj=found),
        "hours_form": ContractedHoursForm(
            formdata=None, data={"contracted_hours": Decimal(found.contracted_minutes or 0) / 60}
        ),
        "line_manager_form": LineManagerForm(
            formdata=None, data={"line_manager": str(found.line_manager_id or "none")}
        ),
        **refused_forms,
    }
    if found.is_peer_worker:
        forms["line_manager_form"].line_manager.choices = [
            *((str(s.id), s.display_name) for s in supervision.unit_staff(current_user.unit)),
            ("none", "No line manager (debriefs go to all staff)"),
        ]
    refused = next((form for form in refused_forms.values() if form.errors), None)
    if failed_choice is not None:
        refused = failed_choice[1]
    return render_template(
        "staff/person.html",
        person=found,
        today=today,
        line_manager=supervision.line_manager_of(found) if found.is_peer_worker else None,
        statuses=supervision.statuses_of([found])[found.id] if found.is_peer_worker else [],
        refused=refused,
        confirm_form=ConfirmForm(),
        left_behind=behind,
        forms=handover.forms_for(behind, failed_choice) if behind else {},
        session_url=lambda b: url_for("staff.decide_session", person_id=found.id, booking_id=b.id),
        group_url=lambda o: url_for(
            "staff.decide_group",
            person_id=found.id,
            activity_id=o.activity.id,
            on_date=o.on_date.isoformat(),
        ),
        **forms,
    ), 400 if refused else 200


def _change_person(found: User, form_name: str, form, change, saved):
    """Post/redirect/get for one form of the person page. ``change`` raises a DomainError
    to refuse, shown at the field it names (else the form's first); ``saved`` gives the
    confirmation once the change is made."""
    if form.validate_on_submit():
        try:
            change()
        except DomainError as refused:
            db.session.rollback()
            form[refused.field or next(iter(form.data))].errors.append(refused.message)
        else:
            db.session.commit()
            flash(saved())
            return redirect(url_for("staff.person", person_id=found.id))
    return _render_person(found, **{form_name: form})


@bp.route("/people/<int:person_id>/discharge", methods=["POST"])
def discharge(person_id: int):
    found = get_in_unit_or_404(User, person_id, User.role == "mother")
    form = DischargeForm()
    if not confirmed():
        if form.validate_on_submit() and not going_back():
            try:
                accounts.check_discharge(found, form.discharged_on.data, form.support_until.data)
            except DomainError as refused:
                form[refused.field or "discharged_on"].errors.append(refused.message)
            else:
                return _confirm_discharge(found, form)
        return _render_person(found, discharge_form=form)
    return _change_person(
        found,
        "discharge_form",
        form,
        lambda: accounts.record_discharge(
            current_user,
            found,
            form.discharged_on.data,
            form.support_until.data,
            link=url_for("timetable.week"),
        ),
        lambda: (
            f"Discharge recorded. {found.display_name} has support until "
            f"{found.support_until:%-d %B %Y}."
        ),
    )


def _confirm_discharge(mother: User, form):
    name = mother.display_name
    return confirm_page(
        f"record {name}'s discharge",
        [
            f"{name} is recorded as discharged on {form.discharged_on.data:%-d %B %Y}.",
            f"She can keep using the app and book phone sessions until "
            f"{form.support_until.data:%-d %B %Y}.",
            "Her places at groups for mothers on the unit are given up and offered to the "
            "next mother waiting. She keeps her places at groups open after discharge.",
        ],
        action=url_for("staff.discharge", person_id=mother.id),
        go_back=url_for("staff.person", person_id=mother.id),
        button="Yes, record the discharge",
        carry_form=True,
    )


@bp.route("/people/<int:person_id>/admit", methods=["POST"])
def admit(person_id: int):
    found = get_in_unit_or_404(User, person_id, User.role == "mother")
    form = AdmitForm()
    return _change_person(
        found,
        "admit_form",
        form,
        lambda: accounts.record_readmission(current_user, found, form.admitted_on.data),
        lambda: f"Admission recorded for {found.display_name}.",
    )


@bp.route("/people/<int:person_id>/support-until", methods=["POST"])
def support_until(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    form = SupportUntilForm()
    return _change_person(
        found,
        "support_form",
        form,
        lambda: accounts.change_support_until(current_user, found, form.support_until.data),
        lambda: f"Saved. {found.display_name} has support until {found.support_until:%-d %B %Y}.",
    )


@bp.route("/people/<int:person_id>/community-team", methods=["POST"])
def community_team(person_id: int):
    found = get_in_unit_or_404(User, person_id, User.role == Role.MOTHER.value)
    form = CommunityTeamForm()
    return _change_person(
        found,
        "team_form",
        form,
        lambda: accounts.set_community_team(
            current_user, found, form.community_team_name.data, form.community_team_phone.data
        ),
        lambda: f"Saved. {found.display_name}'s help page shows who she can call.",
    )


@bp.route("/people/<int:person_id>/hours", methods=["POST"])
def contracted_hours(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    form = ContractedHoursForm()
    return _change_person(
        found,
        "hours_form",
        form,
        lambda: accounts.change_contracted_minutes(
            current_user, found, int(form.contracted_hours.data * 60)
        ),
        lambda: (
            f"Saved. {found.display_name} is contracted for "
            f"{found.contracted_minutes / 60:g} hours a week."
        ),
    )


@bp.route("/people/<int:person_id>/line-manager", methods=["POST"])
def line_manager(person_id: int):
    found = get_in_unit_or_404(User, person_id, User.role == Role.PEER_WORKER.value)
    form = LineManagerForm()
    chosen = form.line_manager.data
    return _change_person(
        found,
        "line_manager_form",
        form,
        lambda: supervision.set_line_manager(
            current_user,
            found,
            None if chosen == "none" else int(chosen) if chosen.isdigit() else 0,
        ),
        lambda: (
            f"Saved. {found.display_name}'s line manager is "
            f"{supervision.line_manager_of(found).display_name}."
            if found.line_manager_id
            else f"Saved. {found.display_name} has no line manager: debriefs go to all staff."
        ),
    )


@bp.route("/people/<int:person_id>/code", methods=["POST"])
def new_code(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("staff.person", person_id=found.id))
    code = accounts.issue_activation_code(current_user, found)
    db.session.commit()
    return _show_code(found, code, is_new=False)


@bp.route("/people/<int:person_id>/deactivate", methods=["GET", "POST"])
def deactivate(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    if request.method == "GET":
        if found.id == current_user.id or not found.active:
            return redirect(url_for("staff.person", person_id=found.id))
        return _confirm_deactivation(found)
    if ConfirmForm().validate_on_submit():
        try:
            accounts.deactivate_account(current_user, found, link=url_for("timetable.week"))
        except DomainError as refused:
            db.session.rollback()
            flash(refused.message)
        else:
            db.session.commit()
            flash(f"{found.display_name}'s account is closed. She has been signed out everywhere.")
            if found.is_peer_worker and not left_behind(found).is_empty:
                flash("Choose below what happens to what is still booked with her.")
    return redirect(url_for("staff.person", person_id=found.id))


def _confirm_deactivation(person: User):
    name = person.display_name
    consequences = [
        f"{name} is signed out at once, on every device, and cannot sign in.",
        "Her places at groups still to come are given up and offered to the next mother waiting.",
    ]
    if person.is_peer_worker:
        consequences[1] = (
            "Sessions and group dates still booked with her are listed on her page, for you "
            "to hand to a colleague or cancel."
        )
    elif person.is_staff:
        consequences.pop()
    consequences.append("You can open the account again later. Her places are not given back.")
    return confirm_page(
        f"close {name}'s account",
        consequences,
        action=url_for("staff.deactivate", person_id=person.id),
        go_back=url_for("staff.person", person_id=person.id),
        button="Yes, close the account",
    )


def _closed_peer_worker(person_id: int) -> User:
    return get_in_unit_or_404(
        User, person_id, User.role == Role.PEER_WORKER.value, User.active.is_(False)
    )


@bp.route("/people/<int:person_id>/sessions/<int:booking_id>", methods=["POST"])
def decide_session(person_id: int, booking_id: int):
    found = _closed_peer_worker(person_id)
    return handover.decide_session(
        left_behind(found),
        booking_id,
        done=lambda: redirect(url_for("staff.person", person_id=found.id)),
        again=lambda failed: _render_person(found, failed),
    )


@bp.route("/people/<int:person_id>/groups/<int:activity_id>/<on_date>", methods=["POST"])
def decide_group(person_id: int, activity_id: int, on_date: str):
    found = _closed_peer_worker(person_id)
    return handover.decide_group(
        left_behind(found),
        activity_id,
        on_date,
        done=lambda: redirect(url_for("staff.person", person_id=found.id)),
        again=lambda failed: _render_person(found, failed),
    )


@bp.route("/people/<int:person_id>/reactivate", methods=["POST"])
def reactivate(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    if ConfirmForm().validate_on_submit():
        accounts.reactivate_account(current_user, found)
        db.session.commit()
        flash(f"{found.display_name}'s account is open again.")
    return redirect(url_for("staff.person", person_id=found.id))


@bp.route("/people/<int:person_id>/reset-two-step", methods=["POST"])
def reset_two_step(person_id: int):
    found = get_in_unit_or_404(User, person_id)
    if ConfirmForm().validate_on_submit() and found.mfa_enabled:
        mfa.reset_mfa(current_user, found)
        db.session.commit()
        flash(
            f"Two-step sign-in is reset for {found.display_name}. She sets it up again next time."
        )
    return redirect(url_for("staff.person", person_id=found.id))
