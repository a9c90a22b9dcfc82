"""Models, one module per aggregate. Importing this package registers every table."""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.feedback import FeedbackResponse, FeedbackToken
from app.models.involvement import InvolvementInterest
from app.models.login_failure import LoginFailure
from app.models.notification import Notification
from app.models.unit import Unit
from app.models.user import ActivationCode, Role, User
from app.models.you_said_we_did import YouSaidWeDid

__all__ = [
    "ActivationCode",
    "AuditEvent",
    "Base",
    "FeedbackResponse",
    "FeedbackToken",
    "InvolvementInterest",
    "LoginFailure",
    "Notification",
    "Role",
    "Unit",
    "User",
    "YouSaidWeDid",
]
