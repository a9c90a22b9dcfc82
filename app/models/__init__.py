"""Models, one module per aggregate. Importing this package registers every table."""

from app.models.activity import (
    Activity,
    ActivityChange,
    ActivitySuggestion,
    CalendarFeed,
    SignUp,
)
from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.login_failure import LoginFailure
from app.models.notification import Notification
from app.models.unit import Unit
from app.models.user import ActivationCode, Role, User

__all__ = [
    "Activity",
    "ActivityChange",
    "ActivitySuggestion",
    "CalendarFeed",
    "SignUp",
    "ActivationCode",
    "AuditEvent",
    "Base",
    "LoginFailure",
    "Notification",
    "Role",
    "Unit",
    "User",
]
