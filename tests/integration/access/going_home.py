"""My plan for going home: her own (/me/plan) and her unit's peer workers' view of it.
Staff get 403; a peer worker of another unit gets 404. And the "How was your stay?" card
after discharge, which sends her on (or home) with a 303."""

from tests.factories import GoingHomePlanFactory
from tests.integration.access import SAME, mother_only, peer_only

PEER_PLAN = "/peer/mothers/{mother_id}/plan"

ROUTES = [
    mother_only("going_home.plan", "GET", "/me/plan", other_unit=SAME),
    mother_only("going_home.edit", "GET", "/me/plan/edit", other_unit=SAME),
    mother_only("going_home.edit", "POST", "/me/plan/edit", other_unit=SAME),
    peer_only("going_home.peer_plan", "GET", PEER_PLAN),
    peer_only("going_home.peer_edit", "GET", PEER_PLAN + "/edit"),
    peer_only("going_home.peer_edit", "POST", PEER_PLAN + "/edit"),
    mother_only("feedback.stay", "POST", "/feedback/stay", 303, other_unit=SAME),
]


def build(world, factory):
    """Her plan, so that the pages checked show one filled in."""
    GoingHomePlanFactory(
        mother=world["mother"], health_visitor_name="Sam Patel", health_visitor_phone="01632 960001"
    )
