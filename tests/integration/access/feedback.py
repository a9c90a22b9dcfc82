from datetime import timedelta

from app.extensions import db
from app.services import clock
from app.services.feedback import week_start
from app.services.feedback_report import recent_months
from app.services.you_said_we_did import publish_response
from tests.feedback_helpers import add_responses
from tests.integration.access import SAME, mother_only, public, staff_only

ROUTES = [
    mother_only("feedback.home", "GET", "/feedback/", other_unit=SAME),
    mother_only("feedback.give", "GET", "/feedback/give", other_unit=SAME),
    mother_only("feedback.give", "POST", "/feedback/give", 400, other_unit=SAME),
    mother_only("feedback.sent", "GET", "/feedback/sent", other_unit=SAME),
    # JSON only: a form post is refused with 400, after the role check.
    mother_only("feedback.ballot_key", "POST", "/feedback/ballot/open", 400, other_unit=SAME),
    mother_only("feedback.ballot", "POST", "/feedback/ballot", 400, other_unit=SAME),
    # No account at all: only a ballot's signature lets an answer count (400 without).
    public("feedback_answers.receive", "POST", "/feedback/answers", 400),
    mother_only("feedback.get_involved", "GET", "/get-involved", other_unit=SAME),
    mother_only("feedback.get_involved", "POST", "/get-involved", 400, other_unit=SAME),
    mother_only("feedback.withdraw_involvement", "POST", "/get-involved/withdraw", other_unit=SAME),
    staff_only("feedback_staff.involvement", "GET", "/staff/involvement", other_unit=SAME),
    staff_only("feedback_staff.report", "GET", "/staff/feedback/", other_unit=SAME),
    staff_only(
        "feedback_staff.export",
        "GET",
        "/staff/feedback/export.csv?month={closed_month}",
        other_unit=SAME,
    ),
    staff_only("feedback_staff.comments", "GET", "/staff/feedback/comments", other_unit=SAME),
    # A released comment of this unit: another unit's staff get 404.
    staff_only("feedback_staff.hide", "GET", "/staff/feedback/comments/{comment_id}/hide"),
    staff_only("feedback_staff.hide", "POST", "/staff/feedback/comments/{comment_id}/hide"),
    staff_only("feedback_staff.hidden", "GET", "/staff/feedback/comments/hidden", other_unit=SAME),
    staff_only(
        "feedback_staff.restore", "POST", "/staff/feedback/comments/{hidden_comment_id}/restore"
    ),
    staff_only(
        "feedback_staff.you_said_we_did", "GET", "/staff/feedback/you-said-we-did", other_unit=SAME
    ),
    staff_only(
        "feedback_staff.you_said_we_did",
        "POST",
        "/staff/feedback/you-said-we-did",
        400,
        other_unit=SAME,
    ),
    staff_only(
        "feedback_staff.remove_you_said_we_did",
        "POST",
        "/staff/feedback/you-said-we-did/{you_said_we_did_id}/remove",
    ),
]


def build(world, factory):
    """Three comments on one topic from a week closed for answers: a released batch, one
    of them hidden today."""
    today = clock.local_today(world["unit"])
    closed_week = week_start(today) - timedelta(days=14)
    comments = ["Kind staff", "Good food", "Quiet at night"]
    shown, hidden, _ = add_responses(world["unit"], "unit", closed_week, ["good"] * 3, comments)
    hidden.moderation, hidden.hidden_on = "hidden", today
    world["comment_id"], world["hidden_comment_id"] = shown.id, hidden.id
    published = publish_response(world["staff"], "groups", "Said", "Did")
    db.session.commit()
    world["you_said_we_did_id"] = published.id
    world["closed_month"] = f"{recent_months(today, 3)[0]:%Y-%m}"  # two months ago
