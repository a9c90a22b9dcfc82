"""Mothers' ideas for groups. Stored without who wrote them."""

from sqlalchemy import select

from app.extensions import db
from app.models import ActivitySuggestion


def suggest_activity(mother, text: str) -> ActivitySuggestion:
    suggestion = ActivitySuggestion(unit_id=mother.unit_id, text=text.strip())
    db.session.add(suggestion)
    db.session.flush()
    return suggestion


def recent_suggestions(unit, limit: int = 100) -> list[ActivitySuggestion]:
    return list(
        db.session.scalars(
            select(ActivitySuggestion)
            .where(ActivitySuggestion.unit_id == unit.id)
            .order_by(ActivitySuggestion.created_at.desc(), ActivitySuggestion.id.desc())
            .limit(limit)
        )
    )
