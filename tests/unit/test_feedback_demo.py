from sqlalchemy import select

from app.demo.feedback import seed_demo_feedback
from app.extensions import db
from app.models import FeedbackResponse, YouSaidWeDid
from app.services import clock
from app.services.feedback import week_start


def test_demo_feedback_lies_in_finished_weeks_and_repeats(unit):
    seed_demo_feedback(unit)
    db.session.commit()
    rows = db.session.scalars(select(FeedbackResponse)).all()
    assert len(rows) > 50
    assert max(r.week for r in rows) < week_start(clock.local_today(unit))
    assert db.session.scalars(select(YouSaidWeDid.unit_id)).one() == unit.id
    answers = sorted((r.topic, r.week, r.answer, r.comment) for r in rows)
    db.session.execute(FeedbackResponse.__table__.delete())
    seed_demo_feedback(unit)
    db.session.flush()
    again = sorted(
        (r.topic, r.week, r.answer, r.comment) for r in db.session.scalars(select(FeedbackResponse))
    )
    assert again == answers
