"""``flask seed-demo``: the made-up unit for the embedded default, never in production."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import Activity, Unit, User
from config import ProductionConfig


def units() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(Unit))


def test_seed_demo_loads_the_demo_unit_once(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--print-logins"])
    assert result.exit_code == 0, result.output
    assert "Loaded demo data." in result.output and "amy" in result.output
    assert units() == 1 and db.session.scalar(select(func.count()).select_from(User)) == 8
    open_to_erin = select(Activity.title).where(Activity.open_to_discharged.is_(True))
    assert db.session.scalars(open_to_erin).all() == ["Walk in the grounds"]
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code == 0 and "Demo data already there." in again.output
    assert units() == 1


def test_seed_demo_refuses_to_run_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", ProductionConfig.ENV_NAME)
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "does not run with APP_ENV=production" in result.output
    assert units() == 0
