"""A discharged mother's help page shows the contacts that fit her now: the unit while she
is supported, her community perinatal team once staff recorded it, and crisis lines, not
the ward's "tell a member of staff"."""

from datetime import date

import pytest

from app.extensions import db
from app.services import clock
from tests.conftest import Browserless, signed_in_client


@pytest.fixture
def erin(factory, unit):
    today = clock.local_today(unit)
    return factory.user(
        "mother",
        unit,
        display_name="Erin",
        admitted_on=date(today.year - 1, 1, 1),
        discharged_on=today,
        support_until=today.replace(day=1).replace(year=today.year + 1),
    )


def help_page(app, mother) -> str:
    return Browserless(signed_in_client(app, mother)).client.get("/help").get_data(as_text=True)


def test_staff_record_her_team_and_her_help_page_shows_it(app, as_role, erin):
    staff, _ = as_role("staff")
    before = help_page(app, erin)
    assert "Tell a member of staff" not in before and "Call 999 or go to A&amp;E" in before
    assert "perinatal team" not in before
    url = f"/staff/people/{erin.id}"
    saved = staff.post(
        f"{url}/community-team",
        {
            "community_team_name": "Berkshire perinatal team",
            "community_team_phone": "0118 496 0111",
        },
        token_page=url,
    )
    assert saved.status_code == 302
    html = help_page(app, erin)
    assert "Call Berkshire perinatal team" in html and 'href="tel:01184960111"' in html
    assert html.index("tel:01184960000") < html.index("tel:01184960111") < html.index("tel:111")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"community_team_name": "Team", "community_team_phone": "call us"}, "Enter a UK phone"),
        ({"community_team_name": "Team", "community_team_phone": ""}, "Enter their phone number"),
    ],
)
def test_a_wrong_number_is_refused_on_the_same_page(as_role, erin, data, message):
    staff, _ = as_role("staff")
    url = f"/staff/people/{erin.id}"
    response = staff.post(f"{url}/community-team", data, token_page=url)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    db.session.refresh(erin)
    assert erin.community_team_phone == ""


def test_a_mother_on_the_ward_is_told_to_ask_staff(app, factory, unit):
    amy = factory.user("mother", unit, admitted_on=date(2027, 1, 1))
    html = help_page(app, amy)
    assert "Tell a member of staff straight away" in html
    assert 'href="tel:116123"' in html and 'href="tel:111"' in html
