"""Retention settings: staff of the unit only."""

from tests.integration.access import SAME, staff_only

ROUTES = [
    staff_only("staff.retention_settings", "GET", "/staff/retention", other_unit=SAME),
    staff_only(
        "staff.retention_settings",
        "POST",
        "/staff/retention",
        other_unit=SAME,
        data={"retention_months": "12"},
    ),
]
