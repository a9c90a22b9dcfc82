"""The visitors' page for partners: what the unit offers them, and "Support for you"."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import PartnerSupport
from app.services.partner_support import MOST_ENTRIES

PAGE = "/units/willow-house"
LIST = "/staff/partner-support"


@pytest.fixture
def staff_web(as_role):
    web, _ = as_role("staff")
    return web


def stored(unit) -> list[PartnerSupport]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(PartnerSupport)
            .where(PartnerSupport.unit_id == unit.id)
            .order_by(PartnerSupport.position)
        )
    )


def support_section(page: str) -> str:
    return page.split('id="support-for-you"')[1].split("</section>")[0]


def test_partners_see_national_defaults_and_the_units_number(client, unit):
    page = client.get(PAGE).get_data(as_text=True)
    assert "For partners" in page
    support = support_section(page)
    assert 'href="tel:111"' in support and "mental health" in support
    assert 'href="tel:116123"' in support and "Samaritans" in support
    assert "Text SHOUT to 85258" in support
    assert 'href="tel:01184960000"' in support and "Willow House MBU" in support
    assert "Your GP" in support
    assert stored(unit) == []  # reading the page writes nothing


def test_family_rooms_show_only_when_staff_wrote_them(client, unit):
    assert "Family rooms" not in client.get(PAGE).get_data(as_text=True)
    unit.family_rooms = "A family room with a sofa bed.\nAsk the nurse in charge."
    db.session.commit()
    page = client.get(PAGE).get_data(as_text=True)
    assert "<h3>Family rooms</h3>" in page and "<p>Ask the nurse in charge.</p>" in page


def test_partners_section_points_to_groups_they_can_join(client, unit):
    page = client.get(PAGE).get_data(as_text=True)
    assert 'href="#groups-for-families"' in page and 'id="groups-for-families"' in page


def test_staff_write_family_rooms_on_the_visitors_page_settings(staff_web, unit):
    response = staff_web.post(
        "/timetable/visitors",
        {"visiting_hours": "Every day", "family_rooms": "Two family rooms", "phone": ""},
        token_page="/timetable/visitors",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert unit.family_rooms == "Two family rooms"


def test_staff_start_their_own_list_from_the_defaults(staff_web, unit):
    page = staff_web.client.get(LIST).get_data(as_text=True)
    assert "Change this list" in page and "Samaritans: 116 123" in page
    staff_web.post(f"{LIST}/own-list", token_page=LIST)
    names = [e.name for e in stored(unit)]
    assert names[:2] == ["NHS 111, mental health option", "Samaritans"]
    assert "Willow House MBU" in names and names[-1] == "Your GP"


def test_staff_add_change_order_and_remove_an_entry(staff_web, unit, client):
    added = staff_web.post(
        LIST,
        {"name": "Dads Matter", "description": "For dads", "phone": "0118 496 0999", "link": ""},
        token_page=LIST,
    )
    assert added.status_code == 302
    entries = stored(unit)
    assert entries[-1].name == "Dads Matter" and len(entries) == 6  # defaults, then this
    dads = entries[-1]
    staff_web.post(f"{LIST}/{dads.id}/move", {"direction": "up"}, token_page=LIST)
    assert [e.name for e in stored(unit)][-2] == "Dads Matter"
    changed = staff_web.post(
        f"{LIST}/{dads.id}",
        {"name": "Dads Matter UK", "description": "", "phone": "", "link": "https://example.org"},
        token_page=LIST,
    )
    assert changed.status_code == 302
    page = client.get(PAGE).get_data(as_text=True)
    assert "Dads Matter UK" in page and 'href="https://example.org"' in page
    asked = staff_web.client.get(f"{LIST}/{dads.id}/remove")
    assert "Are you sure you want to remove Dads Matter UK from the list?" in asked.get_data(
        as_text=True
    )
    assert len(stored(unit)) == 6
    staff_web.post(f"{LIST}/{dads.id}/remove", token_page=LIST)
    assert "Dads Matter UK" not in [e.name for e in stored(unit)]


def test_moving_past_either_end_changes_nothing(staff_web, unit):
    staff_web.post(f"{LIST}/own-list", token_page=LIST)
    first, *_, last = stored(unit)
    staff_web.post(f"{LIST}/{first.id}/move", {"direction": "up"}, token_page=LIST)
    staff_web.post(f"{LIST}/{last.id}/move", {"direction": "down"}, token_page=LIST)
    staff_web.post(f"{LIST}/{first.id}/move", {"direction": "sideways"}, token_page=LIST)
    entries = stored(unit)
    assert entries[0].id == first.id and entries[-1].id == last.id


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": ""}, "Enter the name of the service"),
        ({"name": "x" * 81}, "The name must be 80 characters or fewer"),
        ({"name": "Bad\x07"}, "The name must only include letters, numbers and punctuation"),
        ({"phone": "call me"}, "Enter a phone number using numbers and spaces only"),
        ({"link": "javascript:alert(1)"}, "Enter a web address that starts with https://"),
        ({"link": "http://example.org"}, "Enter a web address that starts with https://"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(staff_web, unit, fields, message):
    data = {"name": "Helpline", "description": "", "phone": "", "link": "", **fields}
    response = staff_web.post(LIST, data, token_page=LIST)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored(unit) == []


def test_the_list_stays_short(staff_web, unit):
    for n in range(MOST_ENTRIES - 5):
        staff_web.post(LIST, {"name": f"Line {n}"}, token_page=LIST)
    assert len(stored(unit)) == MOST_ENTRIES
    refused = staff_web.post(LIST, {"name": "One too many"}, token_page=LIST)
    assert refused.status_code == 400
    assert f"The list already has {MOST_ENTRIES} entries" in refused.get_data(as_text=True)
    assert len(stored(unit)) == MOST_ENTRIES


def test_another_units_entry_is_not_found(as_role, unit, other_unit, staff_web):
    staff_web.post(f"{LIST}/own-list", token_page=LIST)
    entry = stored(unit)[0]
    web, _ = as_role("staff", target_unit=other_unit)
    assert web.client.get(f"{LIST}/{entry.id}").status_code == 404
    assert web.client.get(f"{LIST}/{entry.id}/remove").status_code == 404
    assert web.post(f"{LIST}/{entry.id}/remove", token_page=LIST).status_code == 404
    assert (
        web.post(f"{LIST}/{entry.id}/move", {"direction": "down"}, token_page=LIST).status_code
        == 404
    )
    assert len(stored(unit)) == 5
