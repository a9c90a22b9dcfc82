"""Staff home, the day's 1:1 sessions, the audit log, sign-in security and retention
settings; the people pages are in app/staff/people.py."""

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from app.extensions import db
from app.forms import ConfirmForm, render_form
from app.services import audit_log, clock, mfa, retention, supervision
from app.services.caseload import next_day_with_sessions, unit_sessions_on
from app.services.debriefs import open_debriefs
from app.services.errors import DomainError
from app.services.family_feedback import code_needs_changing
from app.services.hours import weeks_over
from app.services.people import people_of_unit, supported_mothers
from app.staff import bp
from app.staff.forms import (
    AuditFilterForm,
    RetentionForm,
    UnitSecurityForm,
)

OVER_HOURS_WEEKS = 4  # how far back staff see weeks over a peer worker's contract


@bp.route("/")
def home():
    today = clock.local_today(current_user.unit)
    mothers = supported_mothers(current_user.unit, today)
    peer_workers = people_of_unit(current_user.unit, "peer_worker", include_closed=False)
    line_managed = supervision.line_managed_by(current_user)
    return render_template(
        "staff/home.html",
        admitted=sum(1 for m in mothers if not m.is_discharged()),
        after_discharge=sum(1 for m in mothers if m.is_discharged()),
        peer_workers=peer_workers,
        weeks_over=weeks_over(current_user.unit, peer_workers, today, OVER_HOURS_WEEKS),
        over_hours_weeks=OVER_HOURS_WEEKS,
        debriefs=open_debriefs(current_user.unit),
        line_managed=line_managed,
        statuses=supervision.statuses_of(line_managed),
        today=today,
        confirm_form=ConfirmForm(),
        family_code_due=code_needs_changing(current_user.unit),
    )


@bp.route("/sessions/today")
def sessions_today():
    unit = current_user.unit
    today = clock.local_today(unit)
    next_day = next_day_with_sessions(unit, today)
    days = [(today, "Today", unit_sessions_on(unit, today))]
    if next_day:
        heading = "Tomorrow" if next_day == today + timedelta(days=1) else "Next"
        days.append((next_day, heading, unit_sessions_on(unit, next_day)))
    return render_template("staff/sessions_today.html", days=days)


@bp.route("/audit")
def audit():
    form = AuditFilterForm(request.args)
    form.person.choices = [
        (0, "Everyone"),
        *(
            (p.id, f"{p.display_name} ({p.role_enum.label.lower()})")
            for p in people_of_unit(current_user.unit)
        ),
    ]
    form.action.choices = [("", "Anything"), *audit_log.action_choices()]
    valid = form.validate()
    found = audit_log.audit_page(
        current_user.unit,
        person_id=form.person.data if valid else None,
        actions=form.action.data.split(",") if valid and form.action.data else (),
        first_day=form.first_day.data if valid else None,
        last_day=form.last_day.data if valid else None,
        number=request.args.get("page", 1, type=int),
    )
    kept = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_form(
        "staff/audit.html",
        form,
        found=found,
        page_url=lambda number: url_for("staff.audit", **kept, page=number),
    )


@bp.route("/security", methods=["GET", "POST"])
def security():
    unit = current_user.unit
    form = UnitSecurityForm(data={"require_staff_mfa": "yes" if unit.require_staff_mfa else "no"})
    if form.validate_on_submit():
        mfa.set_unit_requirement(current_user, form.require_staff_mfa.data == "yes")
        db.session.commit()
        flash("Sign-in settings saved.")
        return redirect(url_for("staff.security"))
    people = people_of_unit(unit, include_closed=False)
    return render_form("staff/security.html", form, people=[p for p in people if p.may_use_mfa])


@bp.route("/retention", methods=["GET", "POST"])
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
