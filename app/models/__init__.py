"""Models, one module per aggregate. Importing this package registers every table."""

from app.models.audit import AuditEvent
from app.models.base import Base
from app.models.login_failure import LoginFailure
from app.models.notification import Notification
from app.models.notification_preference import NotificationPreference
from app.models.push import PushDelivery, PushSubscription
from app.models.unit import Unit
from app.models.user import ActivationCode, Role, User

__all__ = [
    "ActivationCode",
    "AuditEvent",
    "Base",
    "LoginFailure",
    "Notification",
    "NotificationPreference",
    "PushDelivery",
    "PushSubscription",
    "Role",
    "Unit",
    "User",
]
