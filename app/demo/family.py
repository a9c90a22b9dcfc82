"""Demo family feedback: a poster code for this month, the unit's family rooms, and six
months of made-up answers from partners and relatives who visit, so that the families'
page is not empty."""

from app.demo.feedback import seed_demo_answers
from app.extensions import db
from app.models import FamilyFeedbackCode
from app.models.feedback import FAMILY_TOPICS
from app.services import clock

DEMO_CODE = "ACD4FK"  # printed on the demo poster; staff can make a new one
FAMILY_COMMENTS = [
    "Staff always had time to tell me how my partner was doing.",
    "The family room made the long drive possible.",
    "Parking is hard to find at visiting time.",
    "I did not know I could join the baby massage group until the second week.",
    "",
    "",
]


def seed_demo_family(unit, weeks: int = 26) -> None:
    unit.family_rooms = (
        "Two family rooms for partners staying overnight, each with a sofa bed and a shower.\n"
        "Ask the nurse in charge to book one."
    )
    month = clock.local_today(unit).replace(day=1)
    db.session.add(FamilyFeedbackCode(unit_id=unit.id, code=DEMO_CODE, month=month))
    seed_demo_answers(unit, f"{unit.slug}-family", FAMILY_TOPICS, FAMILY_COMMENTS, weeks)
