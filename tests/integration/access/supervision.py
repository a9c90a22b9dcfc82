"""Support for the peer workers: her supervision dates, debriefs, her line manager."""

from tests.factories import DebriefRequestFactory, SupervisionMeetingFactory
from tests.integration.access import SAME, peer_only, staff_only

ROUTES = [
    peer_only("supervision.supervision_page", "GET", "/peer/supervision", other_unit=SAME),
    peer_only("supervision.supervision_page", "POST", "/peer/supervision", 400, other_unit=SAME),
    peer_only("supervision.remove_meeting", "POST", "/peer/supervision/{meeting_id}/remove"),
    peer_only("supervision.ask_for_debrief", "POST", "/peer/debrief", other_unit=SAME),
    staff_only("supervision.debrief_answered", "POST", "/staff/debriefs/{debrief_id}/answered"),
    staff_only("staff.line_manager", "POST", "/staff/people/{line_managed_id}/line-manager", 400),
]


def build(world, factory):
    peer = world["peer_worker"]
    peer.line_manager_id = world["staff"].id  # her dates are on staff home and her page
    world.update(
        meeting_id=SupervisionMeetingFactory(peer=peer).id,
        debrief_id=DebriefRequestFactory(peer=peer).id,
        line_managed_id=peer.id,
    )
