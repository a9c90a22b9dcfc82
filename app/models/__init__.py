"""Models, one module per aggregate. Importing this package registers every table."""

from app.models.activity import (
    Activity,
    ActivityChange,
    ActivitySuggestion,
    CalendarFeed,
    SignUp,
)
from app.models.audit import AuditEvent
from app.models.availability import AvailabilityPause, AvailabilityWindow
from app.models.base import Base
from app.models.booking import (
    BabyCare,
    Booking,
    BookingCell,
    BookingStatus,
    HandoverNote,
    Place,
    TalkRequest,
)
from app.models.family import FamilyFeedbackCode, PartnerSupport
from app.models.feedback import FeedbackKey, FeedbackResponse, FeedbackToken
from app.models.going_home import GoingHomePlan
from app.models.involvement import InvolvementInterest
from app.models.login_failure import LoginFailure
from app.models.notification import Notification
from app.models.notification_preference import NotificationPreference
from app.models.peer_support import AboutPeerSupport
from app.models.push import PushDelivery, PushSubscription
from app.models.supervision import DebriefRequest, SupervisionMeeting, SupervisionReminder
from app.models.unit import Unit
from app.models.user import ActivationCode, RecoveryCode, Role, SignInSession, User
from app.models.voice import MeetingChange, MeetingSchedule, VoicePoint
from app.models.you_said_we_did import YouSaidWeDid

__all__ = [
    "AboutPeerSupport",
    "Activity",
    "ActivityChange",
    "ActivitySuggestion",
    "CalendarFeed",
    "SignUp",
    "SupervisionMeeting",
    "SupervisionReminder",
    "SignInSession",
    "ActivationCode",
    "AuditEvent",
    "AvailabilityPause",
    "AvailabilityWindow",
    "Base",
    "Booking",
    "DebriefRequest",
    "BookingCell",
    "BabyCare",
    "BookingStatus",
    "FamilyFeedbackCode",
    "FeedbackResponse",
    "FeedbackKey",
    "FeedbackToken",
    "GoingHomePlan",
    "HandoverNote",
    "InvolvementInterest",
    "LoginFailure",
    "PartnerSupport",
    "MeetingChange",
    "MeetingSchedule",
    "Notification",
    "NotificationPreference",
    "Place",
    "PushDelivery",
    "PushSubscription",
    "RecoveryCode",
    "Role",
    "TalkRequest",
    "Unit",
    "User",
    "VoicePoint",
    "YouSaidWeDid",
]
