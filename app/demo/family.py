"""Demo family feedback: a poster code for this month, and six months of made-up answers
from partners and relatives who visit, so that the families' page is not empty."""

import random
from datetime import timedelta

from app.extensions import db
from app.models import FamilyFeedbackCode, FeedbackResponse
from app.models.feedback import ANSWERS, FAMILY_TOPIC
from app.services import clock
from app.services.feedback import week_start

DEMO_CODE = "ACD4FK"  # printed on the demo poster; staff can make a new one
FAMILY_COMMENTS = [
    "Staff always had time to tell me how my partner was doing.",
    "The family room made the long drive possible.",
    "Parking is hard to find at visiting time.",
    "I did not know I could join the baby massage group until the second week.",
    "",
    "",
]
ANSWER_WEIGHTS = [6, 4, 1, 1, 1, 1]


def seed_demo_family(unit, weeks: int = 26) -> None:
    picker = random.Random(f"{unit.slug}-family")  # the same demo every time
    unit.family_rooms = (
        "Two family rooms for partners staying overnight, each with a sofa bed and a shower.\n"
        "Ask the nurse in charge to book one."
    )
    db.session.add(
        FamilyFeedbackCode(
            unit_id=unit.id, code=DEMO_CODE, month=clock.local_today(unit).replace(day=1)
        )
    )
    this_week = week_start(clock.local_today(unit))
    for age in range(1, weeks + 1):
        for _ in range(picker.randint(0, 3)):
            db.session.add(
                FeedbackResponse(
                    unit_id=unit.id,
                    topic=FAMILY_TOPIC,
                    week=this_week - timedelta(weeks=age),
                    answer=picker.choices(list(ANSWERS), ANSWER_WEIGHTS)[0],
                    comment=picker.choice(FAMILY_COMMENTS),
                )
            )
