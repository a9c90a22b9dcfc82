"""Retention settings: staff of the unit only."""

from tests.integration.access import OK, staff_only

ROUTES = [
    staff_only("staff.retention_settings", "GET", "/staff/retention", other_unit=OK),
    staff_only(
        "staff.retention_settings",
        "POST",
        "/staff/retention",
        other_unit=OK,
        data={"retention_months": "12"},
    ),
]
