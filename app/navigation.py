"""The header navigation of each role: (endpoint, label), in order."""

from flask import url_for

NAVIGATION: dict[str, list[tuple[str, str]]] = {
    "mother": [
        ("bookings.home", "Home"),
        ("timetable.week", "Groups"),
        ("bookings.sessions", "Sessions"),
        ("feedback.home", "Feedback"),
        ("push.recent", "Notifications"),
    ],
    "peer_worker": [
        ("caseload.home", "Home"),
        ("timetable.week", "Groups"),
        ("caseload.caseload", "Caseload"),
        ("availability.availability", "Availability"),
        ("push.recent", "Notifications"),
    ],
    "staff": [
        ("staff.home", "Home"),
        ("staff.people", "People"),
        ("timetable.week", "Groups"),
        ("feedback_staff.report", "Feedback"),
        ("push.recent", "Notifications"),
    ],
}


def nav_items_for(role: str, endpoint: str | None) -> list[dict]:
    """The header links of ``role``, marking the one for ``endpoint`` (the page open) and
    those in the same blueprint. A home page is in no item's section."""
    endpoint = endpoint or ""
    section = "" if endpoint.endswith(".home") else endpoint.split(".")[0]
    items = []
    for target, label in NAVIGATION.get(role, []):
        current = endpoint == target
        items.append(
            {
                "href": url_for(target),
                "text": label,
                "current": current,
                "active": not current
                and target.split(".")[0] == section
                and not target.endswith(".home"),
            }
        )
    return items
