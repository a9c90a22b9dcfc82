"""Lock-screen text never carries a name or a topic, whatever the caller passes."""

from datetime import UTC, datetime

import pytest

from app.extensions import db
from app.services.notifications import KINDS, payload_for, queue_notification

NAME = "Zelda Testname"
TOPIC = "Zelda's private topic"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_name_or_topic_on_the_lock_screen(factory, unit, kind):
    mother = factory.user(role="mother", unit=unit, display_name=NAME)
    peer = factory.user(role="peer_worker", unit=unit)
    for recipient in (mother, peer):
        row = queue_notification(
            recipient,
            kind,
            url="/me/bookings/1",
            when=datetime(2027, 3, 2, 14, 30, tzinfo=UTC),
            count=2,
            name=NAME,
            topic=TOPIC,
            mother=NAME,
        )
        db.session.flush()
        shown = " ".join([row.title, row.body, row.url, payload_for(row)]).lower()
        for secret in ("zelda", "testname", "private topic", unit.name.lower()):
            assert secret not in shown, (kind, shown)
