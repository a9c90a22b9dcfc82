from app.extensions import db
from app.models import PartnerSupport
from app.services.family_feedback import change_code
from tests.integration.access import SAME, public, staff_only

ROUTES = [
    # No account: the poster's code guards the answer (a form posted empty is refused).
    public("visitors.family_feedback", "GET", "/units/{unit_slug}/feedback"),
    public("visitors.family_feedback", "POST", "/units/{unit_slug}/feedback", 400),
    public("visitors.family_feedback_sent", "GET", "/units/{unit_slug}/feedback/sent"),
    staff_only("staff.family_feedback", "GET", "/staff/family-feedback", other_unit=SAME),
    staff_only(
        "staff.new_family_feedback_code", "GET", "/staff/family-feedback/new-code", other_unit=SAME
    ),
    staff_only(
        "staff.new_family_feedback_code", "POST", "/staff/family-feedback/new-code", other_unit=SAME
    ),
    staff_only(
        "staff.family_feedback_poster", "GET", "/staff/family-feedback/poster", other_unit=SAME
    ),
    staff_only("feedback_staff.families", "GET", "/staff/feedback/families", other_unit=SAME),
    staff_only("staff.partner_support", "GET", "/staff/partner-support", other_unit=SAME),
    staff_only("staff.partner_support", "POST", "/staff/partner-support", 400, other_unit=SAME),
    staff_only(
        "staff.partner_support_own_list", "POST", "/staff/partner-support/own-list", other_unit=SAME
    ),
    # An entry of this unit's list: another unit's staff get 404.
    staff_only("staff.partner_support_entry", "GET", "/staff/partner-support/{partner_support_id}"),
    # Fields not sent keep what is stored (WTForms with obj=): saved as it was.
    staff_only(
        "staff.partner_support_entry", "POST", "/staff/partner-support/{partner_support_id}"
    ),
    staff_only(
        "staff.remove_partner_support", "GET", "/staff/partner-support/{partner_support_id}/remove"
    ),
    staff_only(
        "staff.remove_partner_support", "POST", "/staff/partner-support/{partner_support_id}/remove"
    ),
    staff_only(
        "staff.move_partner_support", "POST", "/staff/partner-support/{partner_support_id}/move"
    ),
]


def build(world, factory):
    """This month's poster code in both units, and one entry of this unit's support list."""
    for unit in (world["unit"], world["other_unit"]):
        change_code(None, unit)
    entry = PartnerSupport(unit_id=world["unit"].id, name="Samaritans", phone="116 123")
    db.session.add(entry)
    db.session.commit()
    world["partner_support_id"] = entry.id
