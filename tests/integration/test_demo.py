"""``flask seed-demo``: the made-up unit for the embedded default, never in production."""

from sqlalchemy import func, select

from app.demo import DEMO_PASSWORD
from app.extensions import db
from app.models import Activity, AvailabilityWindow, Booking, Unit, User
from app.services import clock
from config import ProductionConfig
from tests.conftest import Browserless


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


def test_the_demo_shows_about_peer_support_and_who_is_in(app, client):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    public = select(User.username).where(User.name_shown_to_visitors.is_(True))
    assert db.session.scalars(public).all() == ["priya"]
    assert db.session.scalar(select(func.count()).where(User.about_seen_at.is_not(None))) == 0
    visitors = client.get("/units/willow-house").get_data(as_text=True)
    assert "Priya: usually Monday, Tuesday and Wednesday" in visitors
    assert "Grace" not in visitors.split('id="peer-support"')[1].split("Finding the unit")[0]


def test_the_demo_has_erins_plan_for_going_home(app):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    db.session.scalar(select(User).where(User.username == "erin")).about_seen_at = clock.now()
    db.session.commit()  # she has had her first look at "About peer support"
    erin = Browserless(app.test_client())
    assert erin.sign_in("erin", DEMO_PASSWORD).status_code == 302
    plan = erin.client.get("/me/plan").get_data(as_text=True)
    assert "I stop sleeping even when the baby is asleep." in plan
    assert "Reading perinatal mental health team" in plan and "01632 960001" in plan
    assert "at 10:00</strong> with Grace" in plan
    assert "How was your stay?" in erin.client.get("/me/").get_data(as_text=True)


def test_the_demo_has_short_sessions_a_rest_time_and_who_minds_each_baby(app):
    assert app.test_cli_runner().invoke(args=["seed-demo"]).exit_code == 0
    lengths = set(db.session.scalars(select(AvailabilityWindow.session_minutes)))
    assert 20 in lengths
    assert db.session.scalars(select(User.username).where(User.rest_from.is_not(None))).all() == [
        "beth"
    ]
    cares = db.session.scalars(select(Booking.baby_care).where(Booking.baby_care.is_not(None)))
    assert sorted(cares) == ["nursery", "nursery", "with_me"]  # phone sessions: not asked
