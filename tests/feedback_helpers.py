"""Builders for feedback tests: rows as the service would store them, without authors."""

from datetime import date

from app.extensions import db
from app.models import FeedbackResponse


def add_responses(unit, topic: str, week: date, answers: list[str], comments=None):
    comments = comments or [""] * len(answers)
    rows = [
        FeedbackResponse(unit_id=unit.id, topic=topic, week=week, answer=a, comment=c)
        for a, c in zip(answers, comments, strict=True)
    ]
    db.session.add_all(rows)
    db.session.commit()
    return rows
