"""Staff home links to everything staff run, grouped by what it is for."""

import re

from flask import url_for


def test_staff_home_links_every_page_staff_run(app, as_role, unit):
    web, _ = as_role("staff")
    page = web.client.get("/staff/").get_data(as_text=True)
    with app.test_request_context():
        pages = [
            url_for("staff.people"),
            url_for("staff.security"),
            url_for("staff.sessions_today"),
            url_for("timetable.groups"),
            url_for("timetable.suggestions"),
            url_for("timetable.visitor_info"),
            url_for("visitors.unit_page", slug=unit.slug),
            url_for("feedback_staff.report"),
            url_for("feedback_staff.involvement"),
            url_for("staff.family_feedback"),
            url_for("staff.audit"),
            url_for("staff.retention_settings"),
            url_for("peer_support.team"),
            url_for("voice.staff_overview"),
        ]
    cards = re.findall(r'<a class="nhsuk-card__link" href="([^"]+)"', page)
    assert sorted(cards) == sorted(pages)
    headings = re.findall(r'<h2 class="nhsuk-heading-m">([^<]+)</h2>', page)
    assert headings[:4] == [
        "People and sign-in",
        "Sessions, groups and visiting",
        "Feedback and involvement",
        "Records",
    ]
    for url in pages:
        assert web.client.get(url).status_code == 200
