"""Staff set how long records are kept; `flask retention purge` applies it."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, User


def test_staff_set_the_retention_period(as_role, unit):
    web, _staff = as_role("staff")
    page = web.client.get("/staff/retention").get_data(as_text=True)
    assert 'value="12"' in page
    response = web.post(
        "/staff/retention", {"retention_months": "24"}, token_page="/staff/retention"
    )
    assert response.status_code == 302
    db.session.refresh(unit)
    assert unit.retention_months == 24
    assert (
        db.session.scalar(
            select(AuditEvent.detail).where(AuditEvent.action == "unit.retention_changed")
        )
        == "months=24"
    )


def test_a_period_out_of_range_is_refused_on_the_page(as_role, unit):
    web, _staff = as_role("staff")
    response = web.post(
        "/staff/retention", {"retention_months": "0"}, token_page="/staff/retention"
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Enter a number of months between 1 and 120" in page
    assert "nhsuk-error-summary" in page
    db.session.refresh(unit)
    assert unit.retention_months == 12


def test_the_purge_command_and_its_dry_run(app, factory, unit, frozen_now):
    frozen_now(datetime(2027, 6, 15, 12, tzinfo=UTC))
    mother = factory.user(
        "mother", unit, discharged_on=date(2026, 1, 10), support_until=date(2026, 2, 1)
    )
    runner = app.test_cli_runner()

    result = runner.invoke(args=["retention", "purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "mothers 1" in result.output and "nothing was removed" in result.output
    db.session.rollback()
    assert db.session.get(User, mother.id).anonymised_at is None

    result = runner.invoke(args=["retention", "purge"])
    assert result.exit_code == 0, result.output
    db.session.rollback()
    assert db.session.get(User, mother.id).display_name == "Former mother"
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("retention.purged") == 1


def test_purged_accounts_leave_the_past_people_list(as_role, factory, unit, frozen_now):
    from app.services.retention import purge_all

    frozen_now(datetime(2027, 6, 15, 12, tzinfo=UTC))
    web, _staff = as_role("staff")
    factory.user(
        "mother",
        unit,
        display_name="Imogen",
        discharged_on=date(2026, 1, 10),
        support_until=date(2026, 2, 1),
    )
    assert "Imogen" in web.client.get("/staff/people?show=past").get_data(as_text=True)
    purge_all()
    db.session.commit()
    page = web.client.get("/staff/people?show=past").get_data(as_text=True)
    assert "Imogen" not in page and "Former mother" not in page
