"""My voice: mothers' points (/me/voice), the peer workers' list and agenda, and staff's
schedule of the team's meeting. Another unit's points and meeting dates are 404."""

from datetime import time, timedelta

from app.extensions import db
from app.models import MeetingSchedule
from app.services import clock
from tests.factories import VoicePointFactory
from tests.integration.access import SAME, mother_only, peer_only, staff_only

POINT = "/peer/voice/{voice_point_id}"
MEETING = "/staff/voice/meetings/{meeting_on}"

ROUTES = [
    mother_only("voice.mine", "GET", "/me/voice", other_unit=SAME),
    mother_only("voice.mine", "POST", "/me/voice", 400, other_unit=SAME),
    mother_only("voice.edit", "GET", "/me/voice/{voice_point_id}"),
    mother_only("voice.edit", "POST", "/me/voice/{voice_point_id}", 400),
    mother_only("voice.withdraw", "POST", "/me/voice/{voice_point_id}/withdraw"),
    peer_only("voice.peer_list", "GET", "/peer/voice", other_unit=SAME),
    peer_only("voice.agenda", "GET", "/peer/voice/agenda", other_unit=SAME),
    peer_only("voice.peer_point", "GET", POINT),
    peer_only("voice.peer_point", "POST", POINT, 400),
    peer_only("voice.theme", "POST", POINT + "/theme"),
    staff_only("voice.staff_overview", "GET", "/staff/voice", other_unit=SAME),
    staff_only("voice.schedule", "GET", "/staff/voice/schedule", other_unit=SAME),
    staff_only("voice.schedule", "POST", "/staff/voice/schedule", 400, other_unit=SAME),
    staff_only("voice.meeting", "GET", MEETING),
    staff_only("voice.cancel_meeting", "POST", MEETING + "/cancel"),
    staff_only("voice.move_meeting", "POST", MEETING + "/move", 400),
    staff_only("voice.restore_meeting", "POST", MEETING + "/restore"),
]


def build(world, factory):
    """A Friday meeting in this unit only, and a point for it without her name."""
    unit = world["unit"]
    next_friday = clock.local_today(unit) + timedelta(
        days=(4 - clock.local_today(unit).weekday()) % 7 or 7
    )
    db.session.add(
        MeetingSchedule(unit_id=unit.id, weekday=4, starts_at=time(14), starts_on=next_friday)
    )
    point = VoicePointFactory(mother=world["mother"], meeting_on=next_friday)
    world["voice_point_id"] = point.id
    world["meeting_on"] = next_friday.isoformat()
    db.session.commit()
