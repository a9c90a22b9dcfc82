"""The header navigation of each role. Feature blueprints add their entries here."""

from flask import request, url_for
from flask_login import current_user

NAVIGATION: dict[str, list[tuple[str, str]]] = {
    "mother": [("mother.home", "Home"), ("timetable.week", "Groups")],
    "peer_worker": [("peer.home", "Home"), ("timetable.week", "Groups")],
    "staff": [("staff.home", "Home"), ("staff.people", "People"), ("timetable.week", "Groups")],
}


def add_nav_item(role: str, endpoint: str, label: str):
    if (endpoint, label) not in NAVIGATION[role]:
        NAVIGATION[role].append((endpoint, label))


def nav_items() -> list[dict]:
    if not current_user.is_authenticated:
        return []
    items = []
    for endpoint, label in NAVIGATION.get(current_user.role, []):
        current = request.endpoint == endpoint
        section = endpoint.split(".")[0] == (request.endpoint or "").split(".")[0]
        items.append(
            {
                "href": url_for(endpoint),
                "text": label,
                "current": current,
                "active": not current and section and endpoint.endswith(".home") is False,
            }
        )
    return items
