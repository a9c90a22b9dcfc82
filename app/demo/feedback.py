"""Demo feedback for the embedded default: six months of made-up, anonymous answers."""

import random
from datetime import timedelta

from app.extensions import db
from app.models import FeedbackResponse, YouSaidWeDid
from app.models.feedback import ANSWERS, TOPICS
from app.services import clock
from app.services.feedback import week_start

DEMO_COMMENTS = [
    "The peer support worker really listened to me.",
    "Baby massage was the best part of my week.",
    "Evenings are long and there is not much to do.",
    "I would like more information before I go home.",
    "Night checks wake the baby up.",
    "",
    "",
    "",
]
ANSWER_WEIGHTS = [6, 4, 1, 1, 1, 1]


def seed_demo_answers(unit, seed: str, topics, comments: list[str], weeks: int = 26) -> None:
    """Up to three made-up answers per topic and finished week, the same every time."""
    picker = random.Random(seed)
    this_week = week_start(clock.local_today(unit))
    for age in range(1, weeks + 1):
        for topic in topics:
            for _ in range(picker.randint(0, 3)):
                db.session.add(
                    FeedbackResponse(
                        unit_id=unit.id,
                        topic=topic,
                        week=this_week - timedelta(weeks=age),
                        answer=picker.choices(list(ANSWERS), ANSWER_WEIGHTS)[0],
                        comment=picker.choice(comments),
                    )
                )


def seed_demo_feedback(unit, weeks: int = 26) -> None:
    seed_demo_answers(unit, unit.slug, TOPICS, DEMO_COMMENTS, weeks)
    db.session.add(
        YouSaidWeDid(
            unit_id=unit.id,
            topic="groups",
            you_said="Evenings felt long, with nothing to do after tea.",
            we_did="A craft and chat group now meets on Tuesday and Thursday evenings.",
            published_on=clock.local_today(unit) - timedelta(days=10),
        )
    )
