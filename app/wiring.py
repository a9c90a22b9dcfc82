"""Connect features that must not import each other: the push worker learns when a peer
worker is on shift from availability, and which reminders to queue from bookings."""

from app.services import quiet_hours
from app.services.availability import is_working, working_among
from app.services.push_schedule import register_reminder_generator
from app.services.reminders import queue_group_reminders, queue_session_reminders


def connect_features() -> None:
    quiet_hours.use_working_now(is_working, among=working_among)
    register_reminder_generator(queue_session_reminders)
    register_reminder_generator(queue_group_reminders)
