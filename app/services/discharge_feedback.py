"""After her discharge, her home asks once, kindly, for Friends and Family feedback about
her whole stay (the "discharge" topic), with the same anonymity as all feedback.

The ask is remembered on her account as the discharge date of the stay she was asked
about (``User.discharge_feedback_asked_for``), set in the same way whether she chose to
give feedback then or not: not the day or time she tapped, which could be matched to the
week of an answer. Nothing here reads feedback tokens or answers, so the card cannot show,
and nothing it stores can tell, whether she answered. Like all feedback, it is not
audited. A readmission and a later discharge ask again, about the new stay.
"""

from app.models import User

TOPIC = "discharge"


def should_ask(mother: User) -> bool:
    return mother.is_discharged() and mother.discharge_feedback_asked_for != mother.discharged_on


def mark_asked(mother: User) -> None:
    if should_ask(mother):
        mother.discharge_feedback_asked_for = mother.discharged_on
