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


def nav_items_for(role: str, endpoint: str | None) -> list[dict]:
    """The header links of ``role``, marking the one for ``endpoint`` (the page open)."""
    section = (endpoint or "").split(".")[0]
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


def nav_items() -> list[dict]:
    if not current_user.is_authenticated:
        return []
    return nav_items_for(current_user.role, request.endpoint)
